import {
  AutocompleteInput, BooleanInput, ReferenceInput, SelectInput, TextInput, email, required, usePermissions, useRecordContext,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { Alert, Box, Typography } from '@mui/material';
import { roleChoices, roleLabel } from '../authProvider';
import { AMENDMENT_CHOICES, CONTACT_FIELDS, LABELS, PARTNER_ADMIN_EDITABLE, fieldsOf, isRequired } from './rules';

const grid = {
  display: 'grid',
  gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' },
  columnGap: 2,
  width: '100%',
};

export function Section({ title, children }) {
  return (
    <Box component="section" aria-label={title} sx={{ width: '100%', mt: 2 }}>
      <Typography component="h2" variant="h6" sx={{ mb: 1 }}>{title}</Typography>
      <Box sx={grid}>{children}</Box>
    </Box>
  );
}

const userOption = (u) => (u ? `${u.displayName || `${u.firstName} ${u.lastName}`} (${u.username})` : '');
const searchUsers = (text) => (text && /[\p{L}\p{N}]/u.test(text) ? { q: text } : {});

function UserPicker({ source, role, validate, helperText }) {
  return (
    <ReferenceInput source={source} reference="users" filter={{ role }} perPage={25} sort={{ field: 'lastName', order: 'ASC' }}>
      <AutocompleteInput
        label={LABELS[source]}
        optionText={userOption}
        filterToQuery={searchUsers}
        validate={validate}
        helperText={helperText}
        fullWidth
      />
    </ReferenceInput>
  );
}

/** One role-specific field, with its picklist from the API. */
function RoleField({ field, role, callerRole, visibleRoles }) {
  const req = isRequired(role, field);
  const validate = req ? required() : undefined;
  switch (field) {
    case 'securityRealm':
      return (
        <ReferenceInput source="securityRealm" reference="partner-admin-realms">
          <SelectInput label={LABELS.securityRealm} optionText="name" validate={validate} fullWidth />
        </ReferenceInput>
      );
    case 'accountNumber':
      return <TextInput source="accountNumber" label={LABELS.accountNumber} validate={validate} helperText="e.g. A000001212" fullWidth />;
    case 'amendmentDateAlignment':
      return <SelectInput source="amendmentDateAlignment" label={LABELS.amendmentDateAlignment} choices={AMENDMENT_CHOICES} validate={validate} fullWidth />;
    case 'profileId':
      return (
        <ReferenceInput source="profileId" reference="profiles" perPage={100}>
          <SelectInput label={LABELS.profileId} optionText="name" validate={validate} fullWidth />
        </ReferenceInput>
      );
    case 'partnerId':
      return visibleRoles.includes('PARTNER') ? <UserPicker source="partnerId" role="PARTNER" /> : null;
    case 'salesRepId':
      return visibleRoles.includes('ACCOUNT_EXECUTIVE') ? <UserPicker source="salesRepId" role="ACCOUNT_EXECUTIVE" /> : null;
    case 'partnerAdminId':
      if (!visibleRoles.includes('PARTNER_ADMIN')) {
        // A Partner Admin cannot list Partner Admins: the service ties the new user to them.
        return callerRole === 'PARTNER_ADMIN'
          ? <Typography variant="body2" sx={{ alignSelf: 'center', py: 1 }}>Partner admin: you (unless changed by an admin)</Typography>
          : null;
      }
      return <UserPicker source="partnerAdminId" role="PARTNER_ADMIN" validate={validate} />;
    case 'primary':
    case 'noticeToUser':
      return <BooleanInput source={field} label={LABELS[field]} helperText="Deprecated: stored, used for nothing." />;
    default:
      return null;
  }
}

/**
 * The user fields of the chosen role: role first, then names and username, the role's own fields,
 * then the contact fields. `mode` is "create" or "edit".
 */
export default function UserFields({ mode }) {
  const { permissions } = usePermissions();
  const record = useRecordContext();
  const role = useWatch({ name: 'role' });
  const username = useWatch({ name: 'username' });
  const callerRole = permissions?.role;
  const visibleRoles = permissions?.visibleRoles || [];
  const limited = callerRole === 'PARTNER_ADMIN';
  const roleOptions = roleChoices(mode === 'edit' && record?.role && !visibleRoles.includes(record.role)
    ? [...visibleRoles, record.role] : visibleRoles);
  const usernameChanged = mode === 'edit' && record && username && username.trim().toLowerCase() !== record.username.toLowerCase();
  const shown = (f) => !limited || PARTNER_ADMIN_EDITABLE.includes(f);

  return (
    <Box sx={{ width: '100%' }}>
      <Section title="Role">
        {limited || roleOptions.length === 1
          ? <Typography variant="body1" sx={{ py: 1 }}>{roleLabel(role)}</Typography>
          : (
            <SelectInput
              source="role"
              label={LABELS.role}
              choices={roleOptions}
              validate={required()}
              helperText={mode === 'create' ? 'Choose the role first: the fields below depend on it.' : 'Changing the role clears the fields the new role does not take.'}
              fullWidth
            />
          )}
      </Section>
      {role && (
        <>
          <Section title="Name and login">
            <TextInput source="firstName" label={LABELS.firstName} validate={required()} fullWidth />
            <TextInput source="lastName" label={LABELS.lastName} validate={required()} fullWidth />
            <TextInput source="username" label={LABELS.username} type="email" validate={[required(), email()]} fullWidth
              helperText={mode === 'create' ? 'The login; the activation link is sent to it.' : 'A changed username is verified again.'} />
            {shown('displayName') && <TextInput source="displayName" label={LABELS.displayName} helperText="Defaults to “First Last”." fullWidth />}
          </Section>
          {usernameChanged && (
            <Alert severity="warning" sx={{ mt: 1 }} role="status">
              Changing the username sends a verification mail to the new address, and the user is
              Active (unverified) until they log in with it.
            </Alert>
          )}
          {fieldsOf(role).filter(shown).length > 0 && (
            <Section title="Portal settings">
              {fieldsOf(role).filter(shown).map((f) => (
                <RoleField key={f} field={f} role={role} callerRole={callerRole} visibleRoles={visibleRoles} />
              ))}
            </Section>
          )}
          {!limited && (
            <Section title="Contact">
              {CONTACT_FIELDS.filter((f) => f !== 'displayName').map((f) => (
                <TextInput
                  key={f}
                  source={f}
                  label={LABELS[f]}
                  type={f === 'alternativeEmail' ? 'email' : f === 'phone' ? 'tel' : 'text'}
                  validate={f === 'alternativeEmail' ? email() : undefined}
                  fullWidth
                />
              ))}
            </Section>
          )}
        </>
      )}
    </Box>
  );
}
