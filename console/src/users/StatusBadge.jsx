import { Chip } from '@mui/material';
import { useRecordContext } from 'react-admin';

const COLORS = {
  ACTIVE_VERIFIED: 'success',
  ACTIVE_UNVERIFIED: 'info',
  SUSPENDED: 'error',
  PROVISIONING: 'warning',
};

const LABELS = {
  ACTIVE_VERIFIED: 'Active (verified)',
  ACTIVE_UNVERIFIED: 'Active (unverified)',
  SUSPENDED: 'Suspended',
  PROVISIONING: 'Provisioning',
};

export function statusLabel(user) {
  return user?.statusLabel || LABELS[user?.status] || user?.status || '';
}

/** The status as the list shows it: Active (unverified), Active (verified), Suspended, Provisioning. */
export default function StatusBadge({ record: given }) {
  const context = useRecordContext();
  const record = given || context;
  if (!record) return null;
  // Dark text on the light variants keeps the contrast axe asks for.
  return (
    <Chip
      size="small"
      variant="outlined"
      color={COLORS[record.status] || 'default'}
      label={statusLabel(record)}
      sx={{ fontWeight: 600, '& .MuiChip-label': { color: 'text.primary' } }}
    />
  );
}
