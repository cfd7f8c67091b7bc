import { useState } from 'react';
import {
  Create, PasswordInput, RadioButtonGroupInput, SaveButton, SimpleForm, TextInput, Toolbar, email, maxLength, minLength,
  required, usePermissions, useRedirect,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Typography,
} from '@mui/material';
import UserFields, { Section } from './UserFields';
import { allFieldsOf } from './rules';
import { compact } from '../dataProvider';

const METHODS = [
  { id: 'EMAIL_LINK', name: 'Set password by email link' },
  { id: 'PASSWORD', name: 'Type a password' },
  { id: 'GENERATED_PASSWORD', name: 'Generate a password' },
];
const SEND_TO = [
  { id: 'PRIMARY', name: 'Primary email address (the username)' },
  { id: 'ALTERNATIVE', name: 'Alternative email address' },
  { id: 'CUSTOM', name: 'Custom email address' },
];
const STATUS = [
  { id: 'ACTIVE', name: 'Active' },
  { id: 'SUSPENDED', name: 'Suspended (cannot log in; no activation mail)' },
];

function ActivationFields() {
  const role = useWatch({ name: 'role' });
  const method = useWatch({ name: 'activation.method' });
  const sendTo = useWatch({ name: 'activation.sendTo' });
  if (!role) return null;
  return (
    <>
      <Section title="Security">
        <RadioButtonGroupInput source="activation.method" label="How the user gets a password" choices={METHODS} row={false} />
        <Box>
          {method === 'EMAIL_LINK' && (
            <RadioButtonGroupInput source="activation.sendTo" label="Send the link to" choices={SEND_TO} row={false} />
          )}
          {method === 'EMAIL_LINK' && sendTo === 'CUSTOM' && (
            <TextInput source="activation.customEmail" label="Custom email address" type="email" validate={[required(), email()]} fullWidth />
          )}
          {method === 'PASSWORD' && (
            <PasswordInput source="activation.password" label="Password" validate={[required(), minLength(12), maxLength(128)]}
              helperText="12 to 128 characters." fullWidth />
          )}
          {method === 'GENERATED_PASSWORD' && (
            <Typography variant="body2" sx={{ py: 1 }}>The service generates a password and shows it once, after Add User.</Typography>
          )}
        </Box>
      </Section>
      <Section title="Account options">
        <RadioButtonGroupInput source="status" label="Status" choices={STATUS} row={false} />
      </Section>
    </>
  );
}

function CreateToolbar() {
  return (
    <Toolbar>
      <SaveButton label="Add User" alwaysEnable />
    </Toolbar>
  );
}

/** The create body: the role's fields only, the status, and the activation the admin chose. */
function toRequest(data) {
  const body = compact(data, allFieldsOf(data.role));
  if (data.status === 'SUSPENDED') body.status = 'SUSPENDED';
  const a = data.activation || {};
  if (a.method === 'PASSWORD') body.activation = { method: 'PASSWORD', password: a.password };
  else if (a.method === 'GENERATED_PASSWORD') body.activation = { method: 'GENERATED_PASSWORD' };
  else if (a.sendTo === 'CUSTOM') body.activation = { method: 'EMAIL_LINK', sendTo: 'CUSTOM', customEmail: (a.customEmail || '').trim() };
  else if (a.sendTo === 'ALTERNATIVE') body.activation = { method: 'EMAIL_LINK', sendTo: 'ALTERNATIVE' };
  return body;
}

function ActivationResult({ created, onClose }) {
  const a = created?.activation;
  let text;
  if (!a) text = null;
  else if (a.method === 'GENERATED_PASSWORD') text = null;
  else if (a.method === 'PASSWORD') text = 'The password you typed is set.';
  else if (!a.mailSent && !a.recipient) text = 'The user was created suspended: no activation link was sent.';
  else if (a.mailSent) text = `A link to set their password was sent to ${a.recipient}.`;
  else text = 'The activation mail could not be sent yet; the service will send it again.';
  return (
    <Dialog open={!!created} onClose={onClose} aria-labelledby="created-title">
      <DialogTitle id="created-title">User created: {created?.displayName}</DialogTitle>
      <DialogContent>
        <DialogContentText component="div">
          <p>Status: {created?.statusLabel}.</p>
          {text && <p>{text}</p>}
          {a?.method === 'GENERATED_PASSWORD' && (
            <Alert severity="warning">
              Generated password (shown this once, copy it now):{' '}
              <Box component="code" data-testid="generated-password" sx={{ fontSize: '1.1em', userSelect: 'all' }}>{a.password}</Box>
            </Alert>
          )}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>Done</Button>
      </DialogActions>
    </Dialog>
  );
}

export default function UserCreate() {
  const { permissions } = usePermissions();
  const redirect = useRedirect();
  const [created, setCreated] = useState(null);
  const visible = permissions?.visibleRoles || [];
  const defaults = {
    role: visible.length === 1 ? visible[0] : undefined,
    status: 'ACTIVE',
    activation: { method: 'EMAIL_LINK', sendTo: 'PRIMARY' },
  };
  return (
    <>
      <Create
        title="New user"
        transform={toRequest}
        mutationOptions={{ onSuccess: (data) => setCreated(data) }}
      >
        <SimpleForm defaultValues={defaults} toolbar={<CreateToolbar />} warnWhenUnsavedChanges={false}>
          <UserFields mode="create" />
          <ActivationFields />
        </SimpleForm>
      </Create>
      <ActivationResult created={created} onClose={() => { const id = created.id; setCreated(null); redirect('edit', 'users', id); }} />
    </>
  );
}
