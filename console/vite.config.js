import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is served by the API's host at `/` (index.html and the files under it), so every asset
// URL is relative, and routing is by hash (#/users): the paths /users, /profiles... are the API's.
// `npm run dev` proxies the API to a local server (CONSOLE_API, default http://localhost:3000).
const api = process.env.CONSOLE_API || 'http://localhost:3000';
const apiPaths = ['/users', '/profiles', '/profile-settings', '/partner-admin-realms', '/me', '/local', '/password-reset', '/impersonation'];

export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: Object.fromEntries(apiPaths.map((p) => [p, { target: api, changeOrigin: true }])),
  },
});
