import { describe, expect, it } from 'vitest';
import type { SceneDocument } from '../../../../src-shared/contract';
import { RoomColours } from '../../../../src-renderer/features/floorplan/room-colours';
import { RoomMesh } from '../../../../src-renderer/features/floorplan/room-mesh';

const square = (x: number) => [{ x, y: 0 }, { x: x + 4, y: 0 }, { x: x + 4, y: 4 }, { x, y: 4 }];
const scene: SceneDocument = {
  id: 's',
  name: 's',
  source: 'document',
  levels: [{ id: 'g', name: 'Ground', elevation: 0, height: 3 }],
  spaces: [
    { id: 'a', levelId: 'g', twinId: 'ta', outline: square(0) },
    { id: 'b', levelId: 'g', twinId: 'tb', outline: square(4) },
  ],
  walls: [],
  assets: [],
  problems: [],
};

describe('room colours', () => {
  it('gives every vertex its room index, so a room is one entry of the colour table', () => {
    const rooms = new RoomMesh(scene);
    const index = rooms.mesh.geometry.getAttribute('roomIndex');
    expect(index.count).toBe(72);
    expect([index.getX(0), index.getX(35), index.getX(36), index.getX(71)]).toEqual([0, 0, 1, 1]);
    expect(rooms.byTwin.get('tb')).toEqual([1]);
  });

  it('recolours a room by writing its texel and uploading only that texel', () => {
    const colours = new RoomColours(2);
    colours.set(1, 1, 0.5, 0, true);
    expect(colours.get(1)).toEqual([1, 128 / 255, 0]);
    expect(colours.get(0)).toEqual([0, 0, 0]);
    expect(colours.texture.updateRanges).toEqual([{ start: 4, count: 4 }]);
    colours.set(0, 1, 1, 1, false);
    colours.commit(true);
    expect(colours.texture.updateRanges).toEqual([]);
    expect(colours.get(0)).toEqual([1, 1, 1]);
  });
});
