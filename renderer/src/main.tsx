import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/antd.css';
import { DisplayRoot, displayKindFor } from './displays/DisplayRoot.js';
import { Root } from './Root.js';
import './global.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lost its #root');
// /display and /board are displays (customer display, public board), not the counter app.
const display = displayKindFor(window.location.pathname);
createRoot(container).render(<StrictMode>{display ? <DisplayRoot kind={display} /> : <Root />}</StrictMode>);
