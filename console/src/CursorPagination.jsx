import { useListContext } from 'react-admin';
import { Box, Button, FormControl, InputLabel, MenuItem, Select, Typography } from '@mui/material';

/**
 * Paging for cursor lists: the API says only whether there is a next page (no total), so this offers
 * Previous / Next and the page size, and says which rows are shown.
 */
export default function CursorPagination({ rowsPerPageOptions = [10, 25, 50, 100] }) {
  const { page, perPage, setPage, setPerPage, hasNextPage, hasPreviousPage, data, isPending } = useListContext();
  if (isPending || (!data?.length && page === 1)) return null;
  const from = (page - 1) * perPage + 1;
  const to = from + (data?.length || 0) - 1;
  return (
    <Box component="nav" aria-label="Pages" sx={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', flexWrap: 'wrap', gap: 2, p: 1 }}>
      <FormControl size="small" variant="standard" sx={{ minWidth: 110 }}>
        <InputLabel id="rows-per-page-label">Rows per page</InputLabel>
        <Select labelId="rows-per-page-label" value={perPage} onChange={(e) => setPerPage(Number(e.target.value))}>
          {rowsPerPageOptions.map((n) => <MenuItem key={n} value={n}>{n}</MenuItem>)}
        </Select>
      </FormControl>
      <Typography variant="body2" aria-live="polite">Page {page}: rows {from}–{to}{hasNextPage ? ', more follow' : ''}</Typography>
      <Button size="small" disabled={!hasPreviousPage && page <= 1} onClick={() => setPage(page - 1)}>Previous page</Button>
      <Button size="small" disabled={!hasNextPage} onClick={() => setPage(page + 1)}>Next page</Button>
    </Box>
  );
}
