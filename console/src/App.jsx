import { Admin, AppBar, CustomRoutes, Layout, Logout, Menu, Resource, UserMenu, useGetIdentity, usePermissions } from 'react-admin';
import { Navigate, Route } from 'react-router-dom';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import PeopleIcon from '@mui/icons-material/People';
import BadgeIcon from '@mui/icons-material/Badge';
import ShieldIcon from '@mui/icons-material/Shield';
import PersonIcon from '@mui/icons-material/Person';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import SignIn from './SignIn';
import UserList from './users/UserList';
import UserCreate from './users/UserCreate';
import UserEdit from './users/UserEdit';
import UserShow from './users/UserShow';
import { ProfileCreate, ProfileEdit, ProfileList, ProfileShow } from './profiles/Profiles';
import RealmList from './Realms';
import MyProfile from './MyProfile';
import { theme } from './theme';

const messages = {
  ...englishMessages,
  ra: {
    ...englishMessages.ra,
    auth: { ...englishMessages.ra.auth, logout: 'Sign out', user_menu: 'Your account' },
  },
};
const i18nProvider = polyglotI18nProvider(() => messages, 'en', [{ locale: 'en', name: 'English' }], { allowMissing: true });

/** Only what the signed-in user can reach: a menu entry whose list the API refused is not shown. */
function ConsoleMenu() {
  const { permissions } = usePermissions();
  return (
    <Menu>
      {permissions?.canListUsers && <Menu.Item to="/users" primaryText="All Users" leftIcon={<PeopleIcon />} />}
      {permissions?.canListProfiles && <Menu.Item to="/profiles" primaryText="Profiles" leftIcon={<BadgeIcon />} />}
      {permissions?.canListRealms && <Menu.Item to="/partner-admin-realms" primaryText="Partner Admin Realms" leftIcon={<ShieldIcon />} />}
      <Menu.Item to="/me" primaryText="My Profile" leftIcon={<PersonIcon />} />
    </Menu>
  );
}

/** The user menu's button is labelled with the signed-in user's name (the text it shows). */
function ConsoleUserMenu() {
  const { identity } = useGetIdentity();
  return (
    <UserMenu label={identity?.fullName || 'Your account'}>
      <Logout />
    </UserMenu>
  );
}
const ConsoleAppBar = () => <AppBar userMenu={<ConsoleUserMenu />} />;
// minWidth 0 lets wide tables scroll inside the content instead of widening the page (375 px screens).
const ConsoleLayout = ({ children }) => (
  <Layout menu={ConsoleMenu} appBar={ConsoleAppBar}
    sx={{ '& .RaLayout-content': { minWidth: 0, maxWidth: '100vw', overflowX: 'auto' }, '& .RaLayout-contentWithSidebar': { minWidth: 0 }, '& .RaList-content, & .RaList-main': { minWidth: 0, overflowX: 'auto' } }}>
    {children}
  </Layout>
);

function Home() {
  const { permissions, isPending } = usePermissions();
  if (isPending) return null;
  return <Navigate to={permissions?.canListUsers ? '/users' : '/me'} replace />;
}

export default function App() {
  return (
    <Admin
      title="PeakCommerce user administration"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      loginPage={SignIn}
      layout={ConsoleLayout}
      theme={theme}
      dashboard={Home}
      requireAuth
      disableTelemetry
    >
      {(permissions) => (
        <>
          {permissions?.canListUsers && (
            <Resource name="users" options={{ label: 'All Users' }} recordRepresentation="displayName"
              list={UserList} create={permissions.canCreateUsers ? UserCreate : undefined} edit={UserEdit} show={UserShow} />
          )}
          {permissions?.canListProfiles && (
            <Resource name="profiles" options={{ label: 'Profiles' }} recordRepresentation="name"
              list={ProfileList} show={ProfileShow}
              create={permissions.canManageProfiles ? ProfileCreate : undefined}
              edit={permissions.canManageProfiles ? ProfileEdit : undefined} />
          )}
          {permissions?.canListRealms && <Resource name="partner-admin-realms" options={{ label: 'Partner Admin Realms' }} list={RealmList} />}
          <Resource name="audit" />
          <CustomRoutes>
            <Route path="/me" element={<MyProfile />} />
          </CustomRoutes>
        </>
      )}
    </Admin>
  );
}
