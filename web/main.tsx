import { render } from 'preact';
import './styles.css';
import { App } from './app';
import { restoreSession } from './session';

restoreSession().finally(() => render(<App />, document.getElementById('app')!));
