import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/antd.css';
import { App } from './App.js';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lost its #root');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
