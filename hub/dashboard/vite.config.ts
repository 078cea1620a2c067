import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The township dashboard: its own entry, served by the hub (hub/server/serve.ts) from
// dist/hub-dashboard. Built from the repository root: `npm run build:hub`.
export default defineConfig({
  root: 'hub/dashboard',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/hub-dashboard',
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
  },
});
