import { useEffect, useMemo, useState } from 'react';
import { useLogin, useNotify } from 'react-admin';
import {
  Alert, Box, Button, Card, CardContent, CircularProgress, FormControl, InputLabel, MenuItem, Select, Typography,
} from '@mui/material';
import { api } from './api';
import { roleLabel } from './authProvider';

/** The local run's sign-in: pick a tenant and one of its seeded users (GET /local), get a token. */
export default function SignIn() {
  const login = useLogin();
  const notify = useNotify();
  const [tenants, setTenants] = useState(null);
  const [error, setError] = useState(null);
  const [tenantId, setTenantId] = useState('');
  const [userId, setUserId] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api('/local', { auth: false })
      .then((res) => {
        const list = res.json.tenants || (res.json.demo ? [res.json.demo] : []);
        setTenants(list);
        const demo = list.find((t) => t.tenantId === 'demo') || list[0];
        if (demo) {
          setTenantId(demo.tenantId);
          setUserId(demo.adminUserId);
        }
      })
      .catch((e) => setError(e.message || 'The local sign-in is not available.'));
  }, []);

  const tenant = tenants?.find((t) => t.tenantId === tenantId);
  const users = useMemo(() => {
    if (!tenant) return [];
    if (Array.isArray(tenant.users) && tenant.users.length) return tenant.users;
    return [{ userId: tenant.adminUserId, username: tenant.adminUsername, role: 'GLOBAL_ADMIN', name: tenant.adminUsername }];
  }, [tenant]);

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await login({ tenantId, userId });
    } catch (e) {
      notify(e.message || 'Sign-in failed', { type: 'error' });
      setBusy(false);
    }
  };

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'grey.100', p: 2 }}>
      <Card sx={{ width: '100%', maxWidth: 440 }}>
        <CardContent>
          <Typography component="h1" variant="h5" gutterBottom>PeakCommerce user administration</Typography>
          <Typography variant="body2" color="text.secondary" gutterBottom>
            Local sign-in: choose a tenant and a user to act as.
          </Typography>
          {error && <Alert severity="error" sx={{ my: 2 }}>{error}</Alert>}
          {!tenants && !error && <Box sx={{ display: 'flex', justifyContent: 'center', my: 3 }}><CircularProgress aria-label="Loading tenants" /></Box>}
          {tenants && (
            <form onSubmit={submit} aria-label="Sign in">
              <FormControl fullWidth margin="normal">
                <InputLabel id="signin-tenant-label">Tenant</InputLabel>
                <Select
                  labelId="signin-tenant-label"
                  id="signin-tenant"
                  label="Tenant"
                  value={tenantId}
                  onChange={(e) => {
                    setTenantId(e.target.value);
                    const t = tenants.find((x) => x.tenantId === e.target.value);
                    setUserId(t?.adminUserId || '');
                  }}
                >
                  {tenants.map((t) => <MenuItem key={t.tenantId} value={t.tenantId}>{t.tenantName} ({t.tenantId})</MenuItem>)}
                </Select>
              </FormControl>
              <FormControl fullWidth margin="normal">
                <InputLabel id="signin-user-label">User</InputLabel>
                <Select
                  labelId="signin-user-label"
                  id="signin-user"
                  label="User"
                  value={users.some((u) => u.userId === userId) ? userId : ''}
                  onChange={(e) => setUserId(e.target.value)}
                >
                  {users.map((u) => (
                    <MenuItem key={u.userId} value={u.userId}>
                      {u.name || u.username} — {roleLabel(u.role)}
                    </MenuItem>
                  ))}
                </Select>
              </FormControl>
              <Button type="submit" variant="contained" fullWidth sx={{ mt: 2 }} disabled={!userId || busy}>
                {busy ? 'Signing in…' : 'Sign in'}
              </Button>
            </form>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
