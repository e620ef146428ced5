// One colour per room in a small RGBA texture, looked up in the vertex shader through a per-vertex
// room index. Recolouring a room writes four bytes instead of every vertex of its prism, and a
// live change uploads one texel; a full repaint of 10,000 rooms uploads 40 kB.

import * as THREE from 'three';

/** Texels per row: 10,000 rooms fit in 10 rows, and any count stays far below texture limits. */
const rowLength = 1024;

/** The colour table of a set of rooms and the material that reads it. */
export class RoomColours {
  readonly texture: THREE.DataTexture;
  private readonly data: Uint8Array;

  constructor(rooms: number) {
    const rows = Math.max(1, Math.ceil(rooms / rowLength));
    this.data = new Uint8Array(rowLength * rows * 4);
    this.texture = new THREE.DataTexture(this.data, rowLength, rows, THREE.RGBAFormat, THREE.UnsignedByteType);
    this.texture.magFilter = THREE.NearestFilter;
    this.texture.minFilter = THREE.NearestFilter;
    this.texture.generateMipmaps = false;
    this.texture.needsUpdate = true;
  }

  /** Sets room `index` to a colour (channels 0–1); `track` marks only its texel for upload. */
  set(index: number, r: number, g: number, b: number, track: boolean): void {
    const at = index * 4;
    this.data[at] = r * 255 + 0.5;
    this.data[at + 1] = g * 255 + 0.5;
    this.data[at + 2] = b * 255 + 0.5;
    this.data[at + 3] = 255;
    if (track) this.texture.addUpdateRange(at, 4);
  }

  /** The colour of room `index`, channels 0–1. */
  get(index: number): [number, number, number] {
    const at = index * 4;
    return [this.data[at]! / 255, this.data[at + 1]! / 255, this.data[at + 2]! / 255];
  }

  /** Uploads the tracked texels, or (`all`) the whole table in one call. */
  commit(all: boolean): void {
    if (all) this.texture.clearUpdateRanges();
    this.texture.needsUpdate = true;
  }

  /**
   * A lit material that takes each vertex's colour from the table, by its `roomIndex` attribute.
   * Front faces only: rooms are closed prisms wound outward, and a software rasteriser pays for
   * every back face; the walkthrough, inside the rooms, turns both sides on.
   */
  material(): THREE.MeshLambertMaterial {
    const material = new THREE.MeshLambertMaterial({ side: THREE.FrontSide });
    const texture = this.texture;
    material.onBeforeCompile = (shader) => {
      shader.uniforms.roomColours = { value: texture };
      shader.vertexShader = shader.vertexShader
        .replace('#include <common>', '#include <common>\nattribute float roomIndex;\nuniform sampler2D roomColours;\nvarying vec3 vRoomColour;')
        .replace(
          '#include <begin_vertex>',
          '#include <begin_vertex>\n{\n  int room = int(roomIndex + 0.5);\n  int row = textureSize(roomColours, 0).x;\n  vRoomColour = texelFetch(roomColours, ivec2(room % row, room / row), 0).rgb;\n}',
        );
      shader.fragmentShader = shader.fragmentShader
        .replace('#include <common>', '#include <common>\nvarying vec3 vRoomColour;')
        .replace('#include <color_fragment>', '#include <color_fragment>\ndiffuseColor.rgb *= vRoomColour;');
    };
    material.customProgramCacheKey = () => 'twinbench-room-colours';
    return material;
  }

  dispose(): void {
    this.texture.dispose();
  }
}
