import { describe, expect, it } from 'vitest';
import { readPendingLaunch, removePendingLaunch, savePendingLaunch, splitState } from '../../../src/smart/pendingLaunch';
import { MemoryStorage, pendingRecord } from './pendingRecord';

const MINUTE = 60_000;

describe('pending launch records', () => {
  it('round-trips a record through storage', () => {
    const storage = new MemoryStorage();
    const record = pendingRecord();
    savePendingLaunch(record, storage);
    expect(readPendingLaunch(record.stateId, storage, record.createdAt)).toEqual(record);
  });

  it('keys records by state id', () => {
    const storage = new MemoryStorage();
    savePendingLaunch(pendingRecord({ stateId: 'a', iss: 'https://a.example/fhir' }), storage);
    savePendingLaunch(pendingRecord({ stateId: 'b', iss: 'https://b.example/fhir' }), storage);
    expect(readPendingLaunch('a', storage)?.iss).toBe('https://a.example/fhir');
    expect(readPendingLaunch('b', storage)?.iss).toBe('https://b.example/fhir');
    expect(readPendingLaunch('c', storage)).toBeUndefined();
  });

  it('uses sessionStorage by default', () => {
    const record = pendingRecord();
    savePendingLaunch(record);
    expect(sessionStorage.length).toBe(1);
    expect(readPendingLaunch(record.stateId)).toEqual(record);
    removePendingLaunch(record.stateId);
    expect(sessionStorage.length).toBe(0);
  });

  it('removes a record', () => {
    const storage = new MemoryStorage();
    const record = pendingRecord();
    savePendingLaunch(record, storage);
    removePendingLaunch(record.stateId, storage);
    expect(readPendingLaunch(record.stateId, storage)).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  it.each([
    [0, true],
    [14 * MINUTE, true],
    [15 * MINUTE, true],
    [15 * MINUTE + 1, false],
    [60 * MINUTE, false],
  ])('after %i ms the record is readable: %s', (age, readable) => {
    const storage = new MemoryStorage();
    const record = pendingRecord({ createdAt: 1_700_000_000_000 });
    savePendingLaunch(record, storage);
    expect(readPendingLaunch(record.stateId, storage, record.createdAt + age) !== undefined).toBe(readable);
  });

  it.each(['{not json', '', 'null'])('treats the stored value %j as no record', (raw) => {
    const storage = new MemoryStorage();
    storage.setItem('smart.pending.s1', raw);
    expect(readPendingLaunch('s1', storage)).toBeUndefined();
  });
});

describe('splitState', () => {
  it.each([
    ['id;secret', { stateId: 'id', secret: 'secret' }],
    ['id', { stateId: 'id', secret: '' }],
    ['id;', { stateId: 'id', secret: '' }],
    [';secret', { stateId: '', secret: 'secret' }],
    ['id;se;cret', { stateId: 'id', secret: 'se;cret' }],
  ])('%j → %j', (state, expected) => {
    expect(splitState(state)).toEqual(expected);
  });
});

describe('abandoned launches', () => {
  it('are removed when a new launch is saved, fresh ones are kept', () => {
    const now = Date.now();
    savePendingLaunch(pendingRecord({ stateId: 'old', createdAt: now - 16 * MINUTE }), sessionStorage);
    savePendingLaunch(pendingRecord({ stateId: 'recent', createdAt: now - MINUTE }), sessionStorage);
    savePendingLaunch(pendingRecord({ stateId: 'new', createdAt: now }), sessionStorage);
    expect(sessionStorage.getItem('smart.pending.old')).toBeNull();
    expect(readPendingLaunch('recent', sessionStorage, now)).toBeDefined();
    expect(readPendingLaunch('new', sessionStorage, now)).toBeDefined();
  });
});
