import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import '../i18n/index.ts';
import { loadMessages } from '../i18n/lazy.ts';

// A loaded CI machine (two workers, jsdom) can take more than the default second to settle a form.
configure({ asyncUtilTimeout: 5000 });

// Components are tested outside their lazy routes: load every namespace up front.
await loadMessages('sla', 'dispositions');

// jsdom lacks these; antd's responsive helpers and tables ask for them.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}
if (!window.ResizeObserver) {
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
window.scrollTo = () => {};
const computed = window.getComputedStyle;
window.getComputedStyle = (el: Element, pseudo?: string | null) => computed(el, pseudo ?? undefined);

afterEach(() => cleanup());
