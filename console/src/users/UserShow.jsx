import { EditButton, FunctionField, Labeled, Show, SimpleShowLayout, TopToolbar, useRecordContext } from 'react-admin';
import { Box, Typography } from '@mui/material';
import StatusBadge from './StatusBadge';
import { LABELS, ROLE_SPECIFIC_ORDER, CONTACT_FIELDS, AMENDMENT_CHOICES } from './rules';
import { roleLabel } from '../authProvider';

function Fields() {
  const record = useRecordContext();
  if (!record) return null;
  const fields = ['firstName', 'lastName', 'username', ...ROLE_SPECIFIC_ORDER, ...CONTACT_FIELDS].filter((f) => record[f] !== undefined);
  const value = (f) => {
    if (f === 'amendmentDateAlignment') return AMENDMENT_CHOICES.find((c) => c.id === record[f])?.name || record[f];
    if (typeof record[f] === 'boolean') return record[f] ? 'Yes' : 'No';
    return String(record[f]);
  };
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
      <Labeled label="Role"><Typography variant="body2">{roleLabel(record.role)}</Typography></Labeled>
      <Labeled label="Status"><StatusBadge /></Labeled>
      {fields.map((f) => (
        <Labeled key={f} label={LABELS[f] || f}><Typography variant="body2">{value(f)}</Typography></Labeled>
      ))}
    </Box>
  );
}

function Actions() {
  const record = useRecordContext();
  return <TopToolbar>{record?.allowedActions?.includes('edit') && <EditButton />}</TopToolbar>;
}

/** The read-only view (for those who may only view, such as sales reps and partners). */
export default function UserShow() {
  return (
    <Show title="User" actions={<Actions />}>
      <SimpleShowLayout>
        <FunctionField label={false} render={(r) => <Typography component="h2" variant="h5">{r.displayName}</Typography>} />
        <Fields />
      </SimpleShowLayout>
    </Show>
  );
}
