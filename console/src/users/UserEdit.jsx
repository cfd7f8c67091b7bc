import { useState } from 'react';
import {
  DeleteWithConfirmButton, Edit, SaveButton, SimpleForm, Toolbar, useDataProvider, useEditContext, useNotify,
  useRecordContext, useRedirect, useRefresh,
} from 'react-admin';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField as MuiTextField, Typography,
} from '@mui/material';
import UserFields from './UserFields';
import StatusBadge from './StatusBadge';
import AuditTrail from './AuditTrail';
import { allFieldsOf } from './rules';
import { USER_FIELDS, resetCursors } from '../dataProvider';
import { isStaleVersion } from '../api';
import { roleLabel } from '../authProvider';

/** On a role change, every field the new role does not take is removed in the same patch. */
function toPatchable(data) {
  const allowed = new Set(allFieldsOf(data.role));
  const out = { ...data };
  for (const f of USER_FIELDS) if (!allowed.has(f)) out[f] = null;
  return out;
}

const fmt = (t) => (t ? new Date(t).toLocaleString() : '—');

function Summary() {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Box sx={{ px: 2, pt: 2 }}>
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography component="h2" variant="h5">{record.displayName}</Typography>
        <StatusBadge />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {roleLabel(record.role)} · created {fmt(record.createdAt)} · last login {fmt(record.lastLoginAt)} · {record.loginCount} login{record.loginCount === 1 ? '' : 's'}
      </Typography>
      {record.mailPending && (
        <Alert severity="info" sx={{ mt: 1 }}>
          The {record.mailPending === 'ACTIVATION' ? 'activation' : 'verification'} mail could not be sent yet; the service sends it again.
        </Alert>
      )}
    </Box>
  );
}

const ACTIONS = [
  { action: 'suspend', label: 'Suspend User', done: 'User suspended' },
  { action: 'enable', label: 'Enable User', done: 'User enabled' },
  { action: 'resetPassword', label: 'Reset Password', done: (r) => `Password-reset mail sent to ${r.recipient}` },
  { action: 'sendVerificationEmail', label: 'Send verification mail', done: (r) => `Verification mail sent to ${r.recipient}` },
];

function UserActionButtons({ onLogInAs }) {
  const record = useRecordContext();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const allowed = record.allowedActions || [];
  const run = async (op) => {
    setBusy(true);
    try {
      const result = await dataProvider.userAction(record.id, op.action);
      if (op.action === 'logInAs') onLogInAs(result);
      else notify(typeof op.done === 'function' ? op.done(result) : op.done, { type: 'success' });
      resetCursors();
      refresh();
    } catch (e) {
      notify(e.message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap sx={{ px: 2, py: 1 }} aria-label="User actions" role="group">
      {ACTIONS.filter((op) => allowed.includes(op.action))
        // Suspend User is replaced by Enable User while the user is suspended (seed 000).
        .filter((op) => (op.action === 'suspend' ? record.status !== 'SUSPENDED' : op.action === 'enable' ? record.status === 'SUSPENDED' : true))
        .map((op) => (
        <Button key={op.action} variant="outlined" size="small" disabled={busy} onClick={() => run(op)}
          color={op.action === 'suspend' ? 'warning' : 'primary'}>
          {op.label}
        </Button>
      ))}
      {allowed.includes('logInAs') && (
        <Button variant="outlined" size="small" disabled={busy} onClick={() => run({ action: 'logInAs' })}>Log in as</Button>
      )}
    </Stack>
  );
}

function EditToolbar() {
  const record = useRecordContext();
  const redirect = useRedirect();
  return (
    <Toolbar sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
      <SaveButton label="Update" />
      <Button onClick={() => redirect('list', 'users')}>Cancel</Button>
      <Box sx={{ flex: 1 }} />
      {record?.allowedActions?.includes('delete') && (
        <DeleteWithConfirmButton
          label="Delete"
          confirmTitle={`Delete ${record.displayName}?`}
          confirmContent="This removes the user and all their information from the service and from the identity provider."
          mutationMode="pessimistic"
          redirect="list"
        />
      )}
    </Toolbar>
  );
}

function Conflict({ onReload }) {
  return (
    <Alert
      severity="error"
      role="alert"
      sx={{ mx: 2, mt: 2 }}
      action={<Button color="inherit" size="small" onClick={onReload}>Reload</Button>}
    >
      Someone else changed this user after you opened it, so your changes were not saved. Reload to see the
      current version, then make your changes again.
    </Alert>
  );
}

function EditBody({ conflict, setConflict, onLogInAs }) {
  const { record, refetch } = useEditContext();
  if (!record) return null;
  const readOnly = !record.allowedActions?.includes('edit');
  return (
    <>
      <Summary />
      {conflict && <Conflict onReload={async () => { await refetch(); setConflict(false); }} />}
      <UserActionButtons onLogInAs={onLogInAs} />
      {readOnly
        ? <Alert severity="info" sx={{ m: 2 }}>You may view this user but not change them.</Alert>
        : (
          <SimpleForm key={`${record.id}-${record.version}`} toolbar={<EditToolbar />} warnWhenUnsavedChanges={false}>
            <UserFields mode="edit" />
          </SimpleForm>
        )}
      {record.allowedActions?.includes('viewAudit') && <AuditTrail />}
    </>
  );
}

function LogInAsResult({ result, onClose }) {
  return (
    <Dialog open={!!result} onClose={onClose} aria-labelledby="login-as-title" maxWidth="sm" fullWidth>
      <DialogTitle id="login-as-title">Log in as: credential issued</DialogTitle>
      <DialogContent>
        <Typography variant="body2" gutterBottom>
          A one-use credential for user {result?.subject}, acting as {result?.actor}. Hand it to the portal before{' '}
          {result?.expiresAt ? new Date(result.expiresAt).toLocaleTimeString() : ''}; it is recorded on the user’s audit trail.
        </Typography>
        {result?.token
          ? <MuiTextField label="Credential" value={result.token} fullWidth multiline minRows={3} slotProps={{ input: { readOnly: true } }} sx={{ mt: 1 }} />
          : <Alert severity="info">The credential was shown once already.</Alert>}
      </DialogContent>
      <DialogActions><Button onClick={onClose}>Close</Button></DialogActions>
    </Dialog>
  );
}

export default function UserEdit() {
  const notify = useNotify();
  const refresh = useRefresh();
  const [conflict, setConflict] = useState(false);
  const [logInAs, setLogInAs] = useState(null);
  return (
    <>
      <Edit
        title="Edit user"
        mutationMode="pessimistic"
        redirect={false}
        transform={toPatchable}
        mutationOptions={{
          onSuccess: () => { setConflict(false); resetCursors(); refresh(); notify('User updated', { type: 'success' }); },
          onError: (error) => {
            if (isStaleVersion(error)) setConflict(true);
            else if (!error?.body?.errors) notify(error.message, { type: 'error' });
            else notify('Please correct the fields marked.', { type: 'error' });
          },
        }}
      >
        <EditBody conflict={conflict} setConflict={setConflict} onLogInAs={setLogInAs} />
      </Edit>
      <LogInAsResult result={logInAs} onClose={() => setLogInAs(null)} />
    </>
  );
}
