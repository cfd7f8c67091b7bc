import { Datagrid, List, TextField } from 'react-admin';
import { Box, Typography } from '@mui/material';

/** GET /partner-admin-realms: the two realms every tenant has (picked when creating a Partner Admin). */
export default function RealmList() {
  return (
    <List title="Partner Admin Realms" pagination={false} actions={false}
      empty={<Box sx={{ p: 4 }}><Typography>No realms.</Typography></Box>}>
      <Box sx={{ px: 2, pt: 2 }}>
        <Typography variant="body2">What a Partner Admin sees: choose one when creating a Partner Admin user.</Typography>
      </Box>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="name" label="Realm" sortable={false} />
        <TextField source="id" label="Id" sortable={false} />
      </Datagrid>
    </List>
  );
}
