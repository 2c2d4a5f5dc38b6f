/** A MAL id as it appears in an address (`/anime?id=5114`): digits only, as MAL writes them. */
export function parseMalId(text: string | null): number | null {
  // Number() would also read "0x13FA", "1e3", " 5114 " and "" (as 0): none of them is an id.
  return text !== null && /^[1-9]\d{0,9}$/.test(text) ? Number(text) : null;
}
