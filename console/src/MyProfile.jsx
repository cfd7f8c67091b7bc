import { useState } from 'react';
import { Title, useDataProvider, useNotify } from 'react-admin';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert, Box, Button, Card, CardContent, CircularProgress, Divider, Stack, TextField, Typography,
} from '@mui/material';
import { isStaleVersion } from './api';
import { roleLabel } from './authProvider';
import StatusBadge from './users/StatusBadge';

function fieldErrors(error) {
  return error?.body?.errors || {};
}

/** My Profile (S1–S3): own first and last name, own email address (the username), own password reset. */
export default function MyProfile() {
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { data: me, isPending, error } = useQuery({ queryKey: ['me'], queryFn: () => dataProvider.me() });
  const [editing, setEditing] = useState(null); // 'name' | 'email'
  const [names, setNames] = useState({ firstName: '', lastName: '' });
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState(null);
  const [busy, setBusy] = useState(false);

  const reload = () => queryClient.invalidateQueries({ queryKey: ['me'] });

  const save = async (what) => {
    setBusy(true);
    setProblem(null);
    try {
      if (what === 'name') await dataProvider.updateMe(me.version, { firstName: names.firstName.trim(), lastName: names.lastName.trim() });
      else await dataProvider.changeMyEmail(me.version, email.trim());
      notify(what === 'name' ? 'Your name was updated' : 'Your email address was changed: check the new address for a verification mail', { type: 'success' });
      setEditing(null);
      await reload();
    } catch (e) {
      setProblem(e);
      if (!Object.keys(fieldErrors(e)).length && !isStaleVersion(e)) notify(e.message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const resetPassword = async () => {
    setBusy(true);
    try {
      const r = await dataProvider.resetMyPassword();
      notify(`A password-reset mail was sent to ${r.recipient}`, { type: 'success' });
    } catch (e) {
      notify(e.message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  if (isPending) return <Box sx={{ p: 4 }}><CircularProgress aria-label="Loading your profile" /></Box>;
  if (error) return <Alert severity="error" sx={{ m: 2 }}>Your profile could not be loaded: {error.message}</Alert>;
  const errs = fieldErrors(problem);

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="My Profile" />
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
          <Typography component="h2" variant="h5">{me.displayName}</Typography>
          <StatusBadge record={me} />
        </Stack>
        <Typography variant="body2" color="text.secondary" gutterBottom>{roleLabel(me.role)}</Typography>
        {isStaleVersion(problem) && (
          <Alert severity="error" role="alert" sx={{ my: 1 }}
            action={<Button color="inherit" size="small" onClick={async () => { setProblem(null); await reload(); }}>Reload</Button>}>
            Your record changed since this page loaded, so the change was not saved. Reload and try again.
          </Alert>
        )}

        <Box component="section" aria-label="Name" sx={{ mt: 2 }}>
          <Typography component="h3" variant="h6">Name</Typography>
          {editing === 'name' ? (
            <Box component="form" onSubmit={(e) => { e.preventDefault(); save('name'); }}
              sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2, mt: 1 }}>
              <TextField label="First name" required value={names.firstName} onChange={(e) => setNames({ ...names, firstName: e.target.value })}
                error={!!errs.firstName} helperText={errs.firstName} />
              <TextField label="Last name" required value={names.lastName} onChange={(e) => setNames({ ...names, lastName: e.target.value })}
                error={!!errs.lastName} helperText={errs.lastName} />
              <Stack direction="row" spacing={1}>
                <Button type="submit" variant="contained" disabled={busy}>Update</Button>
                <Button onClick={() => { setEditing(null); setProblem(null); }}>Cancel</Button>
              </Stack>
            </Box>
          ) : (
            <Stack direction="row" spacing={2} alignItems="center">
              <Typography>{me.firstName} {me.lastName}</Typography>
              <Button size="small" aria-label="Edit name" onClick={() => { setNames({ firstName: me.firstName, lastName: me.lastName }); setEditing('name'); setProblem(null); }}>Edit</Button>
            </Stack>
          )}
        </Box>
        <Divider sx={{ my: 2 }} />
        <Box component="section" aria-label="Email address">
          <Typography component="h3" variant="h6">Email address</Typography>
          <Typography variant="body2" color="text.secondary">The address you log in with (not the billing email).</Typography>
          {editing === 'email' ? (
            <Box component="form" onSubmit={(e) => { e.preventDefault(); save('email'); }} sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mt: 1 }}>
              <TextField label="New email address" type="email" required value={email} onChange={(e) => setEmail(e.target.value)}
                error={!!errs.email} helperText={errs.email || 'A verification mail goes to the new address.'} sx={{ minWidth: 280 }} />
              <Stack direction="row" spacing={1} alignItems="flex-start">
                <Button type="submit" variant="contained" disabled={busy}>Update</Button>
                <Button onClick={() => { setEditing(null); setProblem(null); }}>Cancel</Button>
              </Stack>
            </Box>
          ) : (
            <Stack direction="row" spacing={2} alignItems="center">
              <Typography>{me.username}</Typography>
              <Button size="small" aria-label="Edit email address" onClick={() => { setEmail(me.username); setEditing('email'); setProblem(null); }}>Edit</Button>
            </Stack>
          )}
        </Box>
        <Divider sx={{ my: 2 }} />
        <Box component="section" aria-label="Password">
          <Typography component="h3" variant="h6">Password</Typography>
          <Button variant="outlined" onClick={resetPassword} disabled={busy} sx={{ mt: 1 }}>Reset Password</Button>
        </Box>
      </CardContent>
    </Card>
  );
}
