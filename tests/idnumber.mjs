// A valid resident ID number (GB 11643 check digit), a random birth day
// and sequence each call: the pre-submit checks refuse one ID in two
// unfinished orders (R12), so tests must not share one by chance. Shared
// by the API and browser suites.
import { randomInt } from 'node:crypto';

export function idNumber(region = '330106') {
  const day = new Date(Date.UTC(1970, 0, 1) + randomInt(0, 30 * 365) * 86400e3);
  const birth = day.toISOString().slice(0, 10).replaceAll('-', '');
  const body = `${region}${birth}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}
