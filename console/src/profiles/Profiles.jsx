import { useState } from 'react';
import {
  Create, CreateButton, Datagrid, DateField, Edit, EditButton, List, SaveButton, Show, ShowButton, SimpleForm,
  TextField, TextInput, Toolbar, TopToolbar, maxLength, required, useDataProvider, useGetList, useNotify,
  usePermissions, useRecordContext, useRedirect, useRefresh, useShowContext, useEditContext,
} from 'react-admin';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControl, InputLabel,
  MenuItem, Select, Stack, Typography,
} from '@mui/material';
import { resetCursors } from '../dataProvider';
import SettingsTabs from './SettingsTabs';
import Pagination from '../CursorPagination';
import { isStaleVersion } from '../api';

/**
 * Delete with care (P4): a profile users hold is refused with their number (409, `holders`); the admin
 * then picks the profile to give them instead.
 */
export function DeleteProfileButton({ afterDelete }) {
  const record = useRecordContext();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [step, setStep] = useState(null); // null | 'confirm' | {holders}
  const [replacement, setReplacement] = useState('');
  const [busy, setBusy] = useState(false);
  const { data: profiles = [] } = useGetList('profiles', { pagination: { page: 1, perPage: 100 } }, { enabled: !!step && step !== 'confirm' });
  if (!record) return null;
  const others = profiles.filter((p) => p.id !== record.id);

  const remove = async (withReplacement) => {
    setBusy(true);
    try {
      await dataProvider.delete('profiles', { id: record.id, previousData: record, meta: withReplacement ? { replacement: withReplacement } : {} });
      notify(`Profile “${record.name}” deleted`, { type: 'success' });
      setStep(null);
      resetCursors();
      refresh();
      afterDelete?.();
    } catch (e) {
      if (e.status === 409 && e.body?.holders) setStep({ holders: e.body.holders });
      else notify(e.message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button color="error" size="small" onClick={(e) => { e.stopPropagation(); setStep('confirm'); }} aria-label={`Delete ${record.name}`}>
        Delete
      </Button>
      <Dialog open={!!step} onClose={() => setStep(null)} aria-labelledby={`delete-profile-${record.id}`} onClick={(e) => e.stopPropagation()}>
        <DialogTitle id={`delete-profile-${record.id}`}>Delete the profile “{record.name}”?</DialogTitle>
        <DialogContent>
          {step === 'confirm' && <DialogContentText>The profile is removed from the tenant.</DialogContentText>}
          {step && step !== 'confirm' && (
            <>
              <DialogContentText sx={{ mb: 2 }} role="alert">
                {step.holders} user{step.holders === 1 ? ' holds' : 's hold'} this profile. Choose the profile to give
                {step.holders === 1 ? ' them' : ' them'} instead; then the profile is deleted.
              </DialogContentText>
              <FormControl fullWidth>
                <InputLabel id="replacement-label">Replacement profile</InputLabel>
                <Select labelId="replacement-label" label="Replacement profile" value={replacement} onChange={(e) => setReplacement(e.target.value)}>
                  {others.map((p) => <MenuItem key={p.id} value={p.id}>{p.name}</MenuItem>)}
                </Select>
              </FormControl>
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setStep(null)}>Cancel</Button>
          {step === 'confirm'
            ? <Button color="error" variant="contained" disabled={busy} onClick={() => remove(null)}>Delete</Button>
            : <Button color="error" variant="contained" disabled={busy || !replacement} onClick={() => remove(replacement)}>Reassign and delete</Button>}
        </DialogActions>
      </Dialog>
    </>
  );
}

function RowActions() {
  const { permissions } = usePermissions();
  const record = useRecordContext();
  return (
    <Stack direction="row" spacing={1} onClick={(e) => e.stopPropagation()}>
      <ShowButton label="View" aria-label={`View ${record?.name}`} />
      {permissions?.canManageProfiles && <EditButton label="Edit" aria-label={`Edit ${record?.name}`} />}
      {permissions?.canManageProfiles && <DeleteProfileButton />}
    </Stack>
  );
}

export function ProfileList() {
  const { permissions } = usePermissions();
  return (
    <List
      title="Profiles"
      actions={<TopToolbar>{permissions?.canManageProfiles && <CreateButton label="Add Profile" />}</TopToolbar>}
      pagination={<Pagination rowsPerPageOptions={[10, 25, 50, 100]} />}
      perPage={25}
      empty={<Box sx={{ p: 4 }}><Typography>No profiles yet.</Typography>{permissions?.canManageProfiles && <CreateButton label="Add Profile" />}</Box>}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" label="Name" sortable={false} />
        <DateField source="updatedAt" label="Last changed" showTime sortable={false} />
        <RowActions />
      </Datagrid>
    </List>
  );
}

export function ProfileCreate() {
  const redirect = useRedirect();
  return (
    <Create title="Add Profile" redirect={false} mutationOptions={{ onSuccess: (data) => redirect('edit', 'profiles', data.id) }}>
      <SimpleForm toolbar={<Toolbar><SaveButton label="Add Profile" /></Toolbar>}>
        <Typography variant="body2" sx={{ mb: 1 }}>A name is all a new profile needs; every setting starts at its default.</Typography>
        <TextInput source="name" label="Profile name" validate={[required(), maxLength(100)]} fullWidth />
      </SimpleForm>
    </Create>
  );
}

function ProfileEditBody({ conflict, setConflict }) {
  const { record, refetch } = useEditContext();
  const redirect = useRedirect();
  if (!record) return null;
  return (
    <>
      {conflict && (
        <Alert severity="error" role="alert" sx={{ m: 2 }}
          action={<Button color="inherit" size="small" onClick={async () => { await refetch(); setConflict(false); }}>Reload</Button>}>
          Someone else changed this profile after you opened it, so your changes were not saved. Reload, then make them again.
        </Alert>
      )}
      <SimpleForm key={`${record.id}-${record.version}`} warnWhenUnsavedChanges={false}
        toolbar={(
          <Toolbar sx={{ gap: 1 }}>
            <SaveButton label="Update" />
            <Button onClick={() => redirect('list', 'profiles')}>Cancel</Button>
            <Box sx={{ flex: 1 }} />
            <DeleteProfileButton afterDelete={() => redirect('list', 'profiles')} />
          </Toolbar>
        )}>
        <TextInput source="name" label="Profile name" validate={[required(), maxLength(100)]} fullWidth />
        <SettingsTabs editable />
      </SimpleForm>
    </>
  );
}

export function ProfileEdit() {
  const notify = useNotify();
  const [conflict, setConflict] = useState(false);
  return (
    <Edit
      title="Edit Profile"
      mutationMode="pessimistic"
      redirect={false}
      mutationOptions={{
        onSuccess: () => { setConflict(false); notify('Profile updated', { type: 'success' }); },
        onError: (error) => {
          if (isStaleVersion(error)) setConflict(true);
          else notify(error.body?.errors ? 'Please correct the settings marked.' : error.message, { type: 'error' });
        },
      }}
    >
      <ProfileEditBody conflict={conflict} setConflict={setConflict} />
    </Edit>
  );
}

function ProfileShowBody() {
  const { record } = useShowContext();
  if (!record) return null;
  return (
    <Box sx={{ p: 2 }}>
      <Typography component="h2" variant="h5" gutterBottom>{record.name}</Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>View only: the settings are locked.</Typography>
      <SettingsTabs editable={false} values={record.settings} />
    </Box>
  );
}

export function ProfileShow() {
  const { permissions } = usePermissions();
  return (
    <Show title="View Profile" actions={<TopToolbar>{permissions?.canManageProfiles && <EditButton />}</TopToolbar>}>
      <ProfileShowBody />
    </Show>
  );
}
