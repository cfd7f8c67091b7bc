import { Datagrid, DateField, FunctionField, ReferenceManyField, TextField } from 'react-admin';
import Pagination from '../CursorPagination';
import { Box, Typography } from '@mui/material';
import { LABELS } from './rules';

const ACTIONS = {
  USER_CREATED: 'Created',
  USER_UPDATED: 'Updated',
  USERNAME_CHANGED: 'Username changed',
  USER_DELETED: 'Deleted',
  USER_SUSPENDED: 'Suspended',
  USER_ENABLED: 'Enabled',
  PASSWORD_RESET_SENT: 'Password-reset mail sent',
  VERIFICATION_MAIL_SENT: 'Verification mail sent',
  LOGGED_IN_AS: 'Logged in as',
  FIRST_LOGIN_VERIFIED: 'First login (verified)',
};

const show = (v) => (v === undefined ? '∅' : String(v));

function Changes({ entry }) {
  const changes = Object.entries(entry.changes || {});
  const details = Object.entries(entry.details || {});
  if (!changes.length && !details.length) return '—';
  return (
    <Box component="ul" sx={{ m: 0, pl: 2 }}>
      {changes.map(([field, c]) => (
        <li key={field}><strong>{LABELS[field] || field}</strong>: {show(c.before)} → {show(c.after)}</li>
      ))}
      {details.map(([k, v]) => <li key={k}>{k}: {v}</li>)}
    </Box>
  );
}

/** GET /users/{id}/audit, newest first, paged by cursor. */
export default function AuditTrail() {
  return (
    <Box component="section" aria-label="Audit trail" sx={{ p: 2 }}>
      <Typography component="h2" variant="h6">Audit trail</Typography>
      <ReferenceManyField reference="audit" target="userId" source="id" perPage={10}
        pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
        empty={<Typography variant="body2">No entries.</Typography>}>
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <DateField source="at" label="When" showTime sortable={false} />
          <FunctionField label="Action" sortable={false} render={(e) => ACTIONS[e.action] || e.action} />
          <TextField source="actorId" label="By" sortable={false} />
          <FunctionField label="Changes" sortable={false} render={(e) => <Changes entry={e} />} />
        </Datagrid>
      </ReferenceManyField>
    </Box>
  );
}
