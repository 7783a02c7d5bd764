import { imagePrefix, machineHostname } from './hostname';

const machineId = '3F2A9C1E-7b4d-4e0a-9c61-0f5d2b8a7e33';

describe('machineHostname', () => {
  it('joins the image prefix, the first 8 of the id and the location under rental.example, lower-cased', () => {
    expect(machineHostname({ machineId, imageCode: 'debian-13', locationCode: 'AMS-1' })).toBe('debian-3f2a9c1e.ams-1.rental.example');
  });

  it('skips punctuation in the id when taking its first 8 characters', () => {
    expect(machineHostname({ machineId: 'ab-cd-ef-gh-ij', imageCode: 'ubuntu-24.04', locationCode: 'fra-2' })).toBe('ubuntu-abcdefgh.fra-2.rental.example');
  });

  it('throws on an id too short to name the machine', () => {
    expect(() => machineHostname({ machineId: 'm-1', imageCode: 'debian-13', locationCode: 'ams-1' })).toThrow(
      'machine id m-1 has fewer than 8 letters or digits',
    );
  });

  it.each(['ams 1', '-ams', 'ams_1', '', 'a'.repeat(64)])('throws on location code %j, not a DNS label', (locationCode) => {
    expect(() => machineHostname({ machineId, imageCode: 'debian-13', locationCode })).toThrow(RangeError);
  });
});

describe('imagePrefix', () => {
  it.each([
    ['debian-13', 'debian'],
    ['ubuntu-24.04', 'ubuntu'],
    ['Rocky-Linux-9', 'rocky'],
    ['windows2022', 'windows'],
    ['2024-custom', 'vm'],
    ['', 'vm'],
    ['averyveryverylongdistributionname', 'averyveryverylongdis'],
  ])('%j -> %s', (imageCode, prefix) => {
    expect(imagePrefix(imageCode)).toBe(prefix);
  });
});
