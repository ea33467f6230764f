// `npm run screenshots`: a PNG of every tab of the example portal for each demo admin, light and dark, English and
// German, so a change to what people see can be looked at before it lands. Needs `npm run build` (the widgets
// bundle) and Chromium. Writes to screenshots/ (git-ignored) or the folder given as the first argument; prints
// each file and what its widgets showed.
//   node scripts/screenshots.mjs [dir] [--admins licensee,alpha] [--looks light-en,dark-de]
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_ADMINS, cannotRun, clickTab, settled, signedIn, startTour, tabsOf } from '../examples/portal-html/test/support/tour.mjs';
import { fromRoot } from './proc.mjs';

const args = process.argv.slice(2);
const option = (/** @type {string} */ name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args.splice(i, 2)[1];
};
const admins = (option('--admins') ?? Object.keys(DEMO_ADMINS).join(',')).split(',');
const looks = (option('--looks') ?? 'light-en,dark-en,light-de,dark-de').split(',');
const out = args[0] ?? fromRoot('screenshots');

if (cannotRun) {
  console.error(`screenshots: ${cannotRun}`);
  process.exit(1);
}
await mkdir(out, { recursive: true });
const tour = await startTour();
let problems = 0;
try {
  for (const admin of admins) {
    const email = DEMO_ADMINS[/** @type {keyof typeof DEMO_ADMINS} */ (admin)];
    if (!email) throw new Error(`unknown demo admin ${admin} (${Object.keys(DEMO_ADMINS).join(', ')})`);
    for (const look of looks) {
      const [theme = 'light', lang = 'en'] = look.split('-');
      const session = await signedIn(tour, email, { theme, lang });
      for (const tab of await tabsOf(session.page)) {
        await clickTab(session.page, tab.id);
        const screen = await settled(session.page);
        const file = join(out, `${admin}-${tab.id}-${theme}-${lang}.png`);
        await session.page.screenshot({ path: file, fullPage: true });
        const shows = screen.widgets.map((w) => `${w.type.replace(/^fco-/, '')}: ${w.shows}`).join(', ');
        console.log(`${file}  (${shows || 'no widgets'})`);
      }
      for (const problem of session.problems) console.log(`  problem: ${problem}`);
      problems += session.problems.length;
      await session.page.close();
    }
  }
} finally {
  await tour.close();
}
if (problems) console.log(`${problems} problems seen (console errors, failed requests)`);
