const validZones = new Map<string, boolean>();

/** Whether `zone` is an IANA time zone name the runtime knows (Europe/Moscow, UTC, …). */
export function isIanaTimeZone(zone: string): boolean {
  let valid = validZones.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      valid = zone.length <= 64 && /^[A-Za-z]+(\/[A-Za-z0-9_+-]+)*$/.test(zone);
    } catch {
      valid = false;
    }
    if (validZones.size < 1000) validZones.set(zone, valid);
  }
  return valid;
}
