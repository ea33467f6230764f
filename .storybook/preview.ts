// Shared story settings: the language and colour-scheme toolbar (globals `locale` and `scheme`, which the stories
// pass to their own <fco-admin-provider>) and the canvas background that goes with the scheme. Widgets are rendered
// inside <fco-admin-provider> by the stories themselves, against the real reference server; nothing here is global
// state of the widgets.
import type { Decorator, Preview } from '@storybook/web-components-vite';
import './preview.css';

/** The canvas follows the toolbar's colour scheme, so a dark provider does not sit on a white page. */
const schemeBackground: Decorator = (story, context) => {
  document.body.dataset['fcoScheme'] = context.globals['scheme'] === 'dark' ? 'dark' : 'light';
  return story();
};

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    layout: 'padded',
  },
  globalTypes: {
    locale: {
      description: 'Language of the widgets (the provider’s locale)',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'de', title: 'Deutsch' },
        ],
        dynamicTitle: true,
      },
    },
    scheme: {
      description: 'Colour scheme of the widgets (the provider’s color-scheme)',
      toolbar: {
        title: 'Scheme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', scheme: 'light' },
  decorators: [schemeBackground],
};

export default preview;
