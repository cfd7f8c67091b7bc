import { useState } from 'react';
import {
  AutocompleteInput, CreateButton, Datagrid, EditButton, FilterButton, FunctionField, List, ReferenceInput,
  SelectInput, ShowButton, TextField, TextInput, TopToolbar, useDataProvider, useListContext, usePermissions, useRefresh,
  useRecordContext,
} from 'react-admin';
import {
  Box, Button, Checkbox, Dialog, FormControlLabel, DialogActions, DialogContent, DialogContentText, DialogTitle, Table, TableBody, TableCell,
  TableHead, TableRow, Typography, useMediaQuery,
} from '@mui/material';
import { roleChoices, roleLabel } from '../authProvider';
import StatusBadge from './StatusBadge';
import { resetCursors } from '../dataProvider';
import Pagination from '../CursorPagination';
import { STATUS_CHOICES } from './rules';

const userOption = (u) => (u ? `${u.displayName} (${u.username})` : '');
const searchUsers = (text) => (text && /[\p{L}\p{N}]/u.test(text) ? { q: text } : {});

function userFilters(permissions) {
  const visible = permissions?.visibleRoles || [];
  const filters = [
    <TextInput key="q" source="q" label="Search" helperText={false} alwaysOn resettable
      placeholder="Last name [first name] or username@" />,
  ];
  if (visible.length > 1) filters.push(<SelectInput key="role" source="role" label="Role" choices={roleChoices(visible)} alwaysOn helperText={false} />);
  filters.push(<SelectInput key="status" source="status" label="Status" choices={STATUS_CHOICES} alwaysOn helperText={false} />);
  filters.push(<TextInput key="accountNumber" source="accountNumber" label="Account number" helperText={false} />);
  const picker = (source, role, label) => (
    <ReferenceInput key={source} source={source} reference="users" filter={{ role }}>
      <AutocompleteInput label={label} optionText={userOption} filterToQuery={searchUsers} helperText={false} sx={{ minWidth: 240 }} />
    </ReferenceInput>
  );
  // A filter is offered only when its picklist can be read (the API refuses the rest).
  const managesCustomers = visible.includes('CUSTOMER');
  if (visible.includes('PARTNER') && managesCustomers) filters.push(picker('partnerId', 'PARTNER', 'Partner'));
  if (visible.includes('ACCOUNT_EXECUTIVE') && managesCustomers) filters.push(picker('salesRepId', 'ACCOUNT_EXECUTIVE', 'Sales rep'));
  if (visible.includes('PARTNER_ADMIN') && visible.includes('PARTNER_ACCOUNT_EXECUTIVE')) filters.push(picker('partnerAdminId', 'PARTNER_ADMIN', 'Partner admin'));
  return filters;
}

function ListActions({ canCreate }) {
  return (
    <TopToolbar>
      <FilterButton label="More filters" />
      {canCreate && <CreateButton label="New user" />}
    </TopToolbar>
  );
}

const BULK = [
  { action: 'suspend', label: 'Suspend', done: 'Suspended' },
  { action: 'enable', label: 'Enable', done: 'Enabled' },
  { action: 'resetPassword', label: 'Reset password', done: 'Password-reset mail sent' },
  { action: 'delete', label: 'Delete', done: 'Deleted' },
];

/** Bulk Suspend, Enable, Reset password and Delete: one request per user, each with its own key. */
function UserBulkActions() {
  const { selectedIds, data, onUnselectItems } = useListContext();
  const dataProvider = useDataProvider();
  const refresh = useRefresh();
  const [confirm, setConfirm] = useState(null);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState(null);
  const selected = (data || []).filter((u) => selectedIds.includes(u.id));

  const run = async (op) => {
    setConfirm(null);
    setRunning(true);
    const rows = [];
    for (const user of selected) {
      if (!user.allowedActions?.includes(op.action)) {
        rows.push({ user, ok: false, message: `Skipped: you may not ${op.label.toLowerCase()} this user` });
        continue;
      }
      if (op.action === 'suspend' && user.status === 'SUSPENDED') { rows.push({ user, ok: true, message: 'Already suspended' }); continue; }
      if (op.action === 'enable' && user.status !== 'SUSPENDED') { rows.push({ user, ok: true, message: 'Already active' }); continue; }
      try {
        if (op.action === 'delete') await dataProvider.delete('users', { id: user.id, previousData: user });
        else await dataProvider.userAction(user.id, op.action);
        rows.push({ user, ok: true, message: op.done });
      } catch (e) {
        rows.push({ user, ok: false, message: `Failed: ${e.message}` });
      }
    }
    setRunning(false);
    setOutcome({ op, rows });
    resetCursors();
    refresh();
  };

  return (
    <>
      {selected.length > 0 && BULK.map((op) => (
        <Button
          key={op.action}
          size="small"
          color={op.action === 'delete' ? 'error' : 'primary'}
          disabled={running || !selected.some((u) => u.allowedActions?.includes(op.action))}
          onClick={() => (op.action === 'delete' || op.action === 'suspend' ? setConfirm(op) : run(op))}
        >
          {op.label}
        </Button>
      ))}
      <Dialog open={!!confirm} onClose={() => setConfirm(null)} aria-labelledby="bulk-confirm-title">
        <DialogTitle id="bulk-confirm-title">{confirm?.label} {selected.length} user{selected.length === 1 ? '' : 's'}?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {confirm?.action === 'delete'
              ? 'This removes the users and all their information from the service and from the identity provider.'
              : 'Suspended users cannot log in to their portal until they are enabled.'}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(null)}>Cancel</Button>
          <Button color="error" variant="contained" onClick={() => run(confirm)}>{confirm?.label}</Button>
        </DialogActions>
      </Dialog>
      <Dialog open={!!outcome} onClose={() => { setOutcome(null); onUnselectItems(); }} aria-labelledby="bulk-outcome-title" maxWidth="md" fullWidth>
        <DialogTitle id="bulk-outcome-title">{outcome?.op.label}: outcome per user</DialogTitle>
        <DialogContent>
          <Table size="small" aria-label="Outcome per user">
            <TableHead>
              <TableRow><TableCell>User</TableCell><TableCell>Outcome</TableCell></TableRow>
            </TableHead>
            <TableBody>
              {outcome?.rows.map((r) => (
                <TableRow key={r.user.id}>
                  <TableCell>{r.user.displayName} ({r.user.username})</TableCell>
                  <TableCell sx={{ color: r.ok ? 'success.dark' : 'error.dark' }}>{r.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => { setOutcome(null); onUnselectItems(); }}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

const selectable = (record) => record.allowedActions?.some((a) => BULK.some((b) => b.action === a));

/** A row's checkbox, labelled with the user's name. */
function SelectUser() {
  const record = useRecordContext();
  const { selectedIds, onToggleItem } = useListContext();
  if (!record || !selectable(record)) return null;
  return (
    <Checkbox
      size="small"
      checked={selectedIds.includes(record.id)}
      onClick={(e) => e.stopPropagation()}
      onChange={() => onToggleItem(record.id)}
      slotProps={{ input: { 'aria-label': `Select ${record.displayName}` } }}
    />
  );
}

/** Above the table: select the page, and the bulk actions for the selected users. */
function BulkBar() {
  const { data, selectedIds, onSelect, onUnselectItems } = useListContext();
  const rows = (data || []).filter(selectable);
  const all = rows.length > 0 && rows.every((r) => selectedIds.includes(r.id));
  // Always mounted: the outcome dialog outlives the rows it reports on (deleted users leave the page).
  return (
    <Box sx={{ display: rows.length || selectedIds.length ? 'flex' : 'none', alignItems: 'center', flexWrap: 'wrap', gap: 1, px: 1, py: 0.5,
      bgcolor: selectedIds.length ? '#e3f2fd' : 'transparent' }}
      role="toolbar" aria-label="Bulk actions">
      {rows.length > 0 && (
        <FormControlLabel
          control={<Checkbox size="small" checked={all} indeterminate={!all && selectedIds.length > 0}
            onChange={() => (all ? onUnselectItems() : onSelect(rows.map((r) => r.id)))} />}
          label={selectedIds.length ? `${selectedIds.length} selected` : 'Select all on this page'}
        />
      )}
      <UserBulkActions />
    </Box>
  );
}

function RowAction() {
  const record = useRecordContext();
  if (!record) return null;
  if (record.allowedActions?.includes('edit')) return <EditButton label="Edit" aria-label={`Edit ${record.displayName}`} />;
  return <ShowButton label="View" aria-label={`View ${record.displayName}`} />;
}

function Empty() {
  return (
    <Box sx={{ p: 4, textAlign: 'center' }}>
      <Typography variant="h6" component="p">No users found.</Typography>
    </Box>
  );
}

export default function UserList() {
  const { permissions } = usePermissions();
  const narrow = useMediaQuery((theme) => theme.breakpoints.down('sm'));
  const canCreate = !!permissions?.canCreateUsers;
  return (
    <List
      title="All Users"
      filters={userFilters(permissions)}
      actions={<ListActions canCreate={canCreate} />}
      pagination={<Pagination rowsPerPageOptions={[10, 25, 50, 100]} />}
      perPage={25}
      sort={{ field: 'lastName', order: 'ASC' }}
      empty={<Empty />}
      disableSyncWithLocation={false}
    >
      {canCreate && <BulkBar />}
      <Datagrid
        rowClick={(id, resource, record) => (record.allowedActions?.includes('edit') ? 'edit' : 'show')}
        bulkActionButtons={false}
        empty={<Empty />}
      >
        {canCreate && <SelectUser label="Select" />}
        {narrow ? (
          // At phone widths one column carries name, username, role and account.
          <FunctionField label="User" sortable={false} render={(r) => (
            <Box sx={{ wordBreak: 'break-word' }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>{r.displayName}</Typography>
              <Typography variant="body2">{r.username}</Typography>
              <Typography variant="body2" color="text.secondary">{roleLabel(r.role)}{r.accountNumber ? ` · ${r.accountNumber}` : ''}</Typography>
            </Box>
          )} />
        ) : [
          <TextField key="n" source="displayName" label="Name" sortable={false} />,
          <TextField key="u" source="username" label="Username" sortable={false} />,
          <FunctionField key="r" label="Role" sortable={false} render={(r) => roleLabel(r.role)} />,
          <TextField key="a" source="accountNumber" label="Account" sortable={false} emptyText="—" />,
        ]}
        <FunctionField label="Status" sortable={false} render={(r) => <StatusBadge record={r} />} />
        <RowAction />
      </Datagrid>
    </List>
  );
}
