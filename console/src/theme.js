import { defaultTheme } from 'react-admin';

const isObject = (v) => v && typeof v === 'object' && !Array.isArray(v);
function deepmerge(a, b) {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObject(v) && isObject(a?.[k]) ? deepmerge(a[k], v) : v;
  return out;
}

// react-admin's default theme with colours dark enough for WCAG AA contrast (axe checks every screen):
// the default blue app bar and orange warnings are too light for white or grey backgrounds.
export const theme = deepmerge(defaultTheme, {
  palette: {
    primary: { main: '#0d47a1', contrastText: '#fff' },
    secondary: { main: '#002f6c', contrastText: '#fff' },
    warning: { main: '#9a3b00', contrastText: '#fff' },
    error: { main: '#b71c1c', contrastText: '#fff' },
    success: { main: '#1b5e20', contrastText: '#fff' },
    info: { main: '#01579b', contrastText: '#fff' },
    background: { default: '#fafafb' },
  },
  components: {
    // react-admin's spinners have no name; axe asks every progressbar for one.
    MuiCircularProgress: { defaultProps: { 'aria-label': 'Loading' } },
    MuiLinearProgress: { defaultProps: { 'aria-label': 'Loading' } },
    RaToolbar: { styleOverrides: { root: { backgroundColor: '#f5f5f5' } } },
  },
});
