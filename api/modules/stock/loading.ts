// How many trucks a load needs. Bedding is bulky (a quilt is about 75 kg/m³, a van carries about
// 190 kg/m³ of payload), so a truck often fills by volume long before it reaches its payload.

export interface TruckType { code: string; name: string; payloadKg: number; cargoM3: number }
export interface CargoLine { quantity: number; weightKg: number; volumeM3: number }
export interface TruckNeed {
  code: string;
  name: string;
  trucks: number;
  byWeight: number;
  byVolume: number;
  bound: 'weight' | 'volume';
}

// Float sums of per-unit figures drift (0.1 + 0.2 > 0.3); without the slack a load of exactly
// three trucks' volume would be rounded up to four.
const SLACK = 1e-9;
const trucksFor = (load: number, perTruck: number) => (load <= 0 ? 0 : Math.ceil(load / perTruck - SLACK));

/** Total weight and volume of the goods, from each item's per-unit figures. */
export function cargoOf(lines: readonly CargoLine[]): { weightKg: number; volumeM3: number } {
  return lines.reduce(
    (t, l) => ({ weightKg: t.weightKg + l.quantity * l.weightKg, volumeM3: t.volumeM3 + l.quantity * l.volumeM3 }),
    { weightKg: 0, volumeM3: 0 },
  );
}

/** Per truck type, the trucks needed: whichever of weight or volume runs out first decides. */
export function loadTrucks(weightKg: number, volumeM3: number, truckTypes: readonly TruckType[]): TruckNeed[] {
  if (!(weightKg >= 0) || !(volumeM3 >= 0)) throw new RangeError('weight and volume must be non-negative numbers');
  return truckTypes.map((t) => {
    if (!(t.payloadKg > 0) || !(t.cargoM3 > 0)) throw new RangeError(`truck type ${t.code} needs a positive payload and volume`);
    const byWeight = trucksFor(weightKg, t.payloadKg);
    const byVolume = trucksFor(volumeM3, t.cargoM3);
    const bound = volumeM3 / t.cargoM3 > weightKg / t.payloadKg ? 'volume' : 'weight';
    return { code: t.code, name: t.name, trucks: Math.max(byWeight, byVolume), byWeight, byVolume, bound };
  });
}
