// Shared story settings. Widgets are rendered inside <fco-admin-provider> by the stories themselves, which start
// from the real reference server; nothing here is global state.
import type { Preview } from '@storybook/web-components-vite';

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    layout: 'padded',
  },
};

export default preview;
