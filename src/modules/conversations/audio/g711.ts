/**
 * ITU-T G.711 expansion tables (the reference algorithms of the ITU's G.191 software tools),
 * scaled to [-1, 1] by 32768 as 16-bit PCM would be.
 */
function muLawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

function aLawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  const segment = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  if (segment === 0) t += 8;
  else t = (t + 0x108) << (segment - 1);
  return a & 0x80 ? t : -t;
}

function table(expand: (byte: number) => number): Float32Array {
  const values = new Float32Array(256);
  for (let byte = 0; byte < 256; byte++) values[byte] = expand(byte) / 32768;
  return values;
}

/** µ-law byte → sample in [-1, 1]. */
export const MU_LAW = table(muLawToLinear);
/** A-law byte → sample in [-1, 1]. */
export const A_LAW = table(aLawToLinear);
/** The 16-bit values, for tests against the standard's figures. */
export const g711ToInt16 = { muLaw: muLawToLinear, aLaw: aLawToLinear } as const;
