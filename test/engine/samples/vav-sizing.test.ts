import { describe, expect, it } from 'vitest';
import { designCoolingLoad, vavDesignAirflow, type RoomLoadInput } from '../../../src-main/engine/samples/vav-sizing';

const office: RoomLoadInput = { type: 'office', area: 20, volume: 52, capacity: 2, windowArea: 8, windowU: 1.1, wallArea: 6, wallU: 0.2, roofArea: 0, roofU: 0.15, gValue: 0.5, facade: 'south' };
const storage: RoomLoadInput = { ...office, type: 'storage', area: 10, volume: 26, capacity: 0, windowArea: 1, wallArea: 2, facade: 'north' };

describe('VAV sizing of the sample campus', () => {
  it('adds people, lighting, equipment, sun through the windows (blinds down above 300 W/m²) and conduction', () => {
    // 2 × 75 + (8 + 10) × 20; 8 × 0.5 × 0.9 × 0.7 × 700 × 0.3; (8 × 1.1 + 6 × 0.2) × (32 − 24)
    expect(designCoolingLoad(office)).toBeCloseTo(510 + 529.2 + 80, 9);
    // (2 + 0) × 10; 1 × 0.5 × 0.63 × 150, below the blinds' threshold; (1 × 1.1 + 2 × 0.2) × 8
    expect(designCoolingLoad(storage)).toBeCloseTo(20 + 47.25 + 12, 9);
  });

  it('sizes a box for its most loaded room per cubic metre, with a margin, and at least four air changes', () => {
    // 1.1 × (1,119.2 W / 52 m³) × 78 m³ × 3,600 s/h / (1.2 × 1,006 J/(m³·K) × (24 − 16) K) = 688.4 m³/h
    expect(vavDesignAirflow([office, storage], 16)).toBe(690);
    expect(vavDesignAirflow([office, storage], 19)).toBe(1100);
    // A quiet interior room: four air changes an hour (4 × 26 m³), and never under 100 m³/h.
    expect(vavDesignAirflow([{ ...storage, windowArea: 0, wallArea: 0 }], 16)).toBe(100);
    expect(vavDesignAirflow([{ ...storage, volume: 260, windowArea: 0, wallArea: 0 }], 16)).toBe(1040);
  });
});
