import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Two apps, one static site: the storefront at / and the CRM at /crm/. Where the router and
// Keycloak are is read at run time from /config.json, so one build serves every environment.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        storefront: resolve(import.meta.dirname, 'index.html'),
        crm: resolve(import.meta.dirname, 'crm/index.html'),
      },
    },
  },
});
