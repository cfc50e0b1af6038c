/**
 * Where the embedded replicas listen and how others reach them. The default keeps them on
 * loopback. In docker-compose they must be scraped by a Prometheus in another container, so they
 * bind a wildcard address and are advertised under the container's service name (`firedrill`);
 * the API itself keeps talking to them over loopback.
 */
export interface ReplicaNetwork {
  /** The address the replicas bind (`FIREDRILL_HOST` of each replica). */
  bindHost: string;
  /** The host other machines use to reach a replica (in Prometheus service-discovery targets). */
  advertisedHost: string;
}

export const LOOPBACK_NETWORK: ReplicaNetwork = { bindHost: '127.0.0.1', advertisedHost: '127.0.0.1' };

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

export class ReplicaNetworkError extends Error {}

/**
 * Reads `FIREDRILL_REPLICA_HOST` (bind) and `FIREDRILL_REPLICA_ADVERTISED_HOST`. A wildcard bind
 * has no address anyone could dial, so it needs an advertised host; otherwise the advertised host
 * defaults to the bind host.
 */
export function replicaNetworkFromEnv(env: NodeJS.ProcessEnv): ReplicaNetwork {
  const bindHost = env.FIREDRILL_REPLICA_HOST?.trim() || LOOPBACK_NETWORK.bindHost;
  const advertised = env.FIREDRILL_REPLICA_ADVERTISED_HOST?.trim() || undefined;
  if (/[\s/@?#]/.test(bindHost)) throw new ReplicaNetworkError(`FIREDRILL_REPLICA_HOST must be a host name or address, got "${bindHost}"`);
  if (advertised !== undefined && /[\s/@?#]/.test(advertised)) {
    throw new ReplicaNetworkError(`FIREDRILL_REPLICA_ADVERTISED_HOST must be a host name or address, got "${advertised}"`);
  }
  if (advertised === undefined && WILDCARDS.has(bindHost)) {
    throw new ReplicaNetworkError(`FIREDRILL_REPLICA_HOST=${bindHost} listens everywhere: set FIREDRILL_REPLICA_ADVERTISED_HOST to the host others reach the replicas at`);
  }
  return { bindHost: unbracket(bindHost), advertisedHost: unbracket(advertised ?? bindHost) };
}

/** The host the API dials the replicas at: loopback when they listen everywhere, else their address. */
export function dialHost(network: ReplicaNetwork): string {
  return WILDCARDS.has(network.bindHost) ? '127.0.0.1' : network.bindHost;
}

/** `host:port` as a URL authority (IPv6 in brackets), e.g. for a Prometheus target. */
export function authority(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
