// The mock, in a module of its own: main.ts imports it only in development, so a production build
// never contains MSW or the toolkit.
import { setupWorker } from 'msw/browser';
import { createHandlers } from 'allsign-v2-toolkit/msw';

export async function startMock(api: string): Promise<void> {
  const handlers = createHandlers({ baseUrl: api, contacts: 5, persist: true });
  await setupWorker(...handlers).start({
    // public/mockServiceWorker.js (`npx msw init public/ --save`), under Vite's base
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    // calls to the API the mock does not answer are worth a warning; Vite's own requests are not
    onUnhandledRequest(request, print) {
      if (request.url.startsWith(api)) print.warning();
    },
    quiet: true,
  });
  await handlers.ready;
  // from the devtools console: allsignMock.mock.journal.list(), await allsignMock.mock.control.reset()
  Object.assign(window, { allsignMock: handlers });
}
