// Resident identity numbers (公民身份号码, GB 11643-1999) and the masks used wherever a
// person's numbers are shown. Pure and dependency-free so the web form can reuse it.

// ISO 7064 MOD 11-2 as laid down in GB 11643-1999 §8.2.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

// GB/T 2260 province-level codes. A typo in the first two digits is the commonest slip that
// still passes the check digit only by chance, so reject codes that name no province.
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

/** Trims and upper-cases the check character (people often type a lower-case x). */
export function normalizeIdNumber(s: string): string {
  return s.trim().toUpperCase();
}

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * A plausible region code: a real province, and a prefecture part other than 00. The county
 * part may be 00: prefecture cities without districts (东莞 441900, 嘉峪关 620200) issue such IDs.
 */
export function isPlausibleRegionCode(code6: string): boolean {
  return /^\d{6}$/.test(code6) && PROVINCE_CODES.has(code6.slice(0, 2)) && code6.slice(2, 4) !== '00';
}

/** A real calendar date YYYYMMDD from 1900-01-01 up to and including `today` (UTC). */
export function isValidBirthDate(yyyymmdd: string, today: Date = new Date()): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return real && y >= 1900 && date.getTime() <= today.getTime();
}

/** Valid 18-character resident ID: region, birth date and check character all hold. */
export function isValidIdNumber(s: string, today: Date = new Date()): boolean {
  const id = normalizeIdNumber(s);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  return isPlausibleRegionCode(id.slice(0, 6))
    && isValidBirthDate(id.slice(6, 14), today)
    && idCheckChar(id.slice(0, 17)) === id[17];
}

/**
 * Builds a valid ID for demo data and tests. `seq` is the 3-digit order code (0–999; odd for
 * men, even for women by the standard). Never use these for real people.
 */
export function generateValidIdNumber(regionCode6: string, birth: string, seq: number): string {
  if (!isPlausibleRegionCode(regionCode6)) throw new RangeError(`implausible region code ${regionCode6}`);
  if (!isValidBirthDate(birth)) throw new RangeError(`invalid birth date ${birth}`);
  if (!Number.isInteger(seq) || seq < 0 || seq > 999) throw new RangeError('seq must be 0–999');
  const first17 = regionCode6 + birth + String(seq).padStart(3, '0');
  return first17 + idCheckChar(first17);
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/**
 * '152502199001011234' → '152502********1234': the region stays readable for staff, birth
 * date and order code never leave. Anything not 18 long keeps at most its last 4.
 */
export function maskIdNumber(s: string): string {
  const id = normalizeIdNumber(s);
  if (id.length === 18) return id.slice(0, 6) + '*'.repeat(8) + id.slice(14);
  if (id.length >= 10) return '*'.repeat(id.length - 4) + id.slice(-4);
  return '*'.repeat(id.length);
}

/**
 * '6217000012345671234' → '6217 **** **** 1234'. The shape is fixed whatever the card length,
 * so the mask does not reveal how many digits were hidden; the first 4 only name the bank.
 */
export function maskBankCard(s: string): string {
  const card = digitsOf(s);
  if (card.length >= 12) return `${card.slice(0, 4)} **** **** ${card.slice(-4)}`;
  if (card.length >= 8) return `**** ${card.slice(-4)}`;
  return '****';
}

/** '13812345678' → '138****5678'; short or odd numbers keep only their last 4. */
export function maskPhone(s: string): string {
  const phone = digitsOf(s);
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  if (phone.length >= 8) return `****${phone.slice(-4)}`;
  return '****';
}
