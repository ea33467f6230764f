/** Word lists for realistic demo names. */
export const FIRST_NAMES = [
  'Ada', 'Alan', 'Amara', 'Ben', 'Bea', 'Carlos', 'Chloe', 'Dara', 'David', 'Elena', 'Emil', 'Fatima', 'Finn', 'Grace',
  'Hana', 'Hugo', 'Ines', 'Ivan', 'Jade', 'Jonas', 'Kai', 'Kira', 'Leo', 'Lena', 'Malik', 'Maya', 'Nils', 'Nora',
  'Omar', 'Olga', 'Priya', 'Paul', 'Quinn', 'Rosa', 'Rui', 'Sara', 'Sean', 'Tariq', 'Tess', 'Uma', 'Victor', 'Wen',
  'Xavier', 'Yara', 'Yusuf', 'Zoe',
];
export const LAST_NAMES = [
  'Anderson', 'Baker', 'Costa', 'Dubois', 'Evans', 'Fischer', 'García', 'Hughes', 'Ivanova', 'Jensen', 'Kowalski',
  'Larsen', 'MacLeod', 'Nakamura', 'Okafor', 'Patel', 'Quintero', 'Rossi', 'Schmidt', 'Tanaka', 'Ulrich', 'Varga',
  'Walsh', 'Xu', 'Yilmaz', 'Zhang', "O'Brien", 'Müller', 'Novak', 'Silva',
];
export const COMPANY_WORDS = [
  'Northwind', 'Harbour', 'Blue Fjord', 'Cedar', 'Copper', 'Delta', 'Ember', 'Falcon', 'Granite', 'Helix', 'Iris',
  'Juniper', 'Kestrel', 'Lumen', 'Meridian', 'Nimbus', 'Orbit', 'Pioneer', 'Quartz', 'Riverside', 'Summit', 'Tidal',
  'Umbra', 'Vertex', 'Willow', 'Zenith', 'Aurora', 'Beacon', 'Cobalt', 'Drift',
];
export const COMPANY_KINDS = ['Hosting', 'Digital', 'Systems', 'Labs', 'Media', 'Logistics', 'Analytics', 'Retail', 'Health', 'Games', 'Studio', 'Cloud'];
export const COMPANY_SUFFIXES = ['Ltd', 'GmbH', 'Inc.', 'SARL', 'BV', 'AB', 'plc', 'LLC', ''];
export const CITIES: ReadonlyArray<readonly [string, string, string]> = [
  ['Edinburgh', 'GB', 'Europe/London'], ['London', 'GB', 'Europe/London'], ['Berlin', 'DE', 'Europe/Berlin'],
  ['Paris', 'FR', 'Europe/Paris'], ['Amsterdam', 'NL', 'Europe/Amsterdam'], ['Stockholm', 'SE', 'Europe/Stockholm'],
  ['Madrid', 'ES', 'Europe/Madrid'], ['New York', 'US', 'America/New_York'], ['Toronto', 'CA', 'America/Toronto'],
  ['Tokyo', 'JP', 'Asia/Tokyo'], ['Sydney', 'AU', 'Australia/Sydney'],
];

export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}
