import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of a photo in e2e/fixtures. */
export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/**
 * The password of a seeded demo account. make test starts the e2e API with --seed-demo and names the
 * credentials file in MEDIACOOP_DEMO_ACCOUNTS, one account per line: `role  email  password`.
 */
export function demoPassword(email: string): string {
  const file = process.env.MEDIACOOP_DEMO_ACCOUNTS;
  if (!file) throw new Error('MEDIACOOP_DEMO_ACCOUNTS is not set: run the browser tests through make test.');
  // The file is appended to on each seeding, so the last line for the email is the current one.
  const password = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/))
    .filter(([, lineEmail, pw]) => lineEmail?.toLowerCase() === email && pw)
    .map(([, , pw]) => pw as string)
    .at(-1);
  if (!password) throw new Error(`${email} is not in ${file}.`);
  return password;
}
