import { describe, expect, it } from 'vitest';
import { authority, dialHost, LOOPBACK_NETWORK, replicaNetworkFromEnv } from './replica-network.js';

describe('replica network', () => {
  it('keeps the replicas on loopback by default', () => {
    expect(replicaNetworkFromEnv({})).toEqual(LOOPBACK_NETWORK);
    expect(replicaNetworkFromEnv({ FIREDRILL_REPLICA_HOST: '', FIREDRILL_REPLICA_ADVERTISED_HOST: ' ' })).toEqual(LOOPBACK_NETWORK);
    expect(dialHost(LOOPBACK_NETWORK)).toBe('127.0.0.1');
  });

  it('binds everywhere and advertises the compose service name, while the API dials loopback', () => {
    const network = replicaNetworkFromEnv({ FIREDRILL_REPLICA_HOST: '0.0.0.0', FIREDRILL_REPLICA_ADVERTISED_HOST: 'firedrill' });
    expect(network).toEqual({ bindHost: '0.0.0.0', advertisedHost: 'firedrill' });
    expect(dialHost(network)).toBe('127.0.0.1');
    expect(authority(network.advertisedHost, 41234)).toBe('firedrill:41234');
  });

  it('advertises a specific bind address as itself and dials it', () => {
    const network = replicaNetworkFromEnv({ FIREDRILL_REPLICA_HOST: '10.0.0.5' });
    expect(network).toEqual({ bindHost: '10.0.0.5', advertisedHost: '10.0.0.5' });
    expect(dialHost(network)).toBe('10.0.0.5');
  });

  it('handles IPv6 addresses', () => {
    const network = replicaNetworkFromEnv({ FIREDRILL_REPLICA_HOST: '[::]', FIREDRILL_REPLICA_ADVERTISED_HOST: '[fd00::5]' });
    expect(network).toEqual({ bindHost: '::', advertisedHost: 'fd00::5' });
    expect(dialHost(network)).toBe('127.0.0.1');
    expect(authority(network.advertisedHost, 9000)).toBe('[fd00::5]:9000');
  });

  it('refuses a wildcard bind without an advertised host, naming the variable', () => {
    expect(() => replicaNetworkFromEnv({ FIREDRILL_REPLICA_HOST: '0.0.0.0' })).toThrow(/FIREDRILL_REPLICA_ADVERTISED_HOST/);
  });

  it('refuses values that are not hosts', () => {
    expect(() => replicaNetworkFromEnv({ FIREDRILL_REPLICA_HOST: 'http://x/' })).toThrow(/FIREDRILL_REPLICA_HOST must be/);
    expect(() => replicaNetworkFromEnv({ FIREDRILL_REPLICA_HOST: '0.0.0.0', FIREDRILL_REPLICA_ADVERTISED_HOST: 'a b' })).toThrow(/ADVERTISED_HOST must be/);
  });
});
