// The app: four views behind accessible tabs, each set up once.
import samplePem from './samples/sample-chain.pem?raw';
import { byId } from './ui.ts';
import { setUpAlloyDb } from './views/alloydb.ts';
import { setUpHalo } from './views/halo.ts';
import { setUpInspect } from './views/inspect.ts';
import { setUpKeys } from './views/keys.ts';

const VIEWS = ['inspect', 'keys', 'alloydb', 'halo'] as const;
type View = (typeof VIEWS)[number];

function select(view: View, focus = false): void {
  for (const name of VIEWS) {
    const tab = byId<HTMLButtonElement>(`tab-${name}`);
    const selected = name === view;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    byId<HTMLElement>(`view-${name}`).hidden = !selected;
    if (selected && focus) tab.focus();
  }
  if (location.hash !== `#${view}`) history.replaceState(null, '', `#${view}`);
}

function setUpTabs(): void {
  VIEWS.forEach((name, index) => {
    const tab = byId<HTMLButtonElement>(`tab-${name}`);
    tab.addEventListener('click', () => select(name));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step !== 0) {
        event.preventDefault();
        select(VIEWS[(index + step + VIEWS.length) % VIEWS.length] ?? 'inspect', true);
      } else if (event.key === 'Home' || event.key === 'End') {
        event.preventDefault();
        select(event.key === 'Home' ? 'inspect' : 'halo', true);
      }
    });
  });
  const initial = VIEWS.find((v) => `#${v}` === location.hash) ?? 'inspect';
  select(initial);
  window.addEventListener('hashchange', () => {
    const view = VIEWS.find((v) => `#${v}` === location.hash);
    if (view) select(view);
  });
}

setUpTabs();
setUpInspect(samplePem);
setUpKeys();
setUpAlloyDb();
setUpHalo();
document.body.dataset.ready = 'true';
