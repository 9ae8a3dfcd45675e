import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleAll,
  handleWhen,
  retry,
  timeout,
  wrap,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import soap from 'soap';

/*
 * The ERP over SOAP (node-soap): a client made from the WSDL in the repo with the tenant's
 * endpoint, WS-Security UsernameToken (or HTTP Basic) when credentials are set, a timeout on every
 * call, retries with exponential backoff for transport failures (never for a SOAP Fault: the ERP
 * answered, it would answer the same) and a circuit breaker per tenant that counts both.
 * Decimals stay strings here: the sync turns them into integers and minor units, never floats.
 */

/** The WSDL next to this file (sources, tests) or in the sources when running from dist. */
export function erpWsdlPath(): string {
  // Run from src (tsx) the WSDL sits beside this file; the compiled CLI (dist/modules/catalog/erp) reads the source tree's copy.
  const here = fileURLToPath(new URL('./erp.wsdl', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../../../src/modules/catalog/erp/erp.wsdl', import.meta.url));
}

export interface ErpClientOptions {
  /** Per call (default 15 s). */
  readonly timeoutMs?: number;
  /** Attempts per call including the first (default 3). */
  readonly attempts?: number;
  readonly initialBackoffMs?: number;
  /** Consecutive failures that open a tenant's circuit (default 5). */
  readonly breakerThreshold?: number;
  /** How long an open circuit waits before letting one call through (default 60 s). */
  readonly halfOpenAfterMs?: number;
}

export interface ErpEndpoint {
  readonly endpoint: string;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly auth?: 'ws_security' | 'basic';
}

export interface ErpInventoryChange {
  readonly itemNumber: string;
  readonly warehouseId: string | null;
  /** The decimal as sent (`12`, `12.000`, `-1`). */
  readonly quantityOnHand: string;
  readonly modifiedAt: string | null;
}

export interface ErpProductItem {
  readonly itemNumber: string;
  readonly description: string | null;
  readonly prices: readonly { readonly currency: string; readonly value: string }[];
  readonly status: string | null;
  readonly modifiedAt: string | null;
}

export interface ErpItemInformation {
  readonly itemNumber: string;
  readonly requestedQuantity: string | null;
  readonly warehouses: readonly { readonly id: string; readonly isDefault: boolean }[];
}

export interface ErpPage<T> {
  readonly items: T[];
  readonly hasMore: boolean;
}

export interface ErpClient {
  getInventoryChanges(query: {
    readonly modifiedSince: string | null;
    readonly warehouse?: string | undefined;
    readonly page: number;
    readonly pageSize: number;
  }): Promise<ErpPage<ErpInventoryChange>>;
  getProductMaster(query: {
    readonly modifiedSince: string | null;
    readonly page: number;
    readonly pageSize: number;
  }): Promise<ErpPage<ErpProductItem>>;
  getItemInformation(
    items: readonly { readonly itemNumber: string; readonly quantity: string }[],
  ): Promise<ErpItemInformation[]>;
}

/** An ERP call that failed: a SOAP Fault (its text), an ERP error code, a timeout, the open circuit. */
export class ErpCallError extends Error {
  constructor(
    message: string,
    readonly fault: boolean,
  ) {
    super(message);
    this.name = 'ErpCallError';
  }
}

type Json = Record<string, unknown>;
const asArray = (value: unknown): Json[] =>
  value === undefined || value === null
    ? []
    : (Array.isArray(value) ? value : [value]).filter((v): v is Json => typeof v === 'object' && v !== null);
const str = (value: unknown): string | null =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value).trim()
    : null;

/** The text of a SOAP Fault node-soap rejected with, or undefined for any other error. */
export function soapFaultText(error: unknown): string | undefined {
  const root = (error as { root?: { Envelope?: { Body?: { Fault?: Json } } } } | null)?.root;
  const fault = root?.Envelope?.Body?.Fault;
  if (!fault) return undefined;
  const text = str(fault.faultstring) ?? str((fault.Reason as Json | undefined)?.Text) ?? 'SOAP fault';
  return text;
}

const keepText = {
  decimal: (text: string) => text,
  dateTime: (text: string) => text,
  date: (text: string) => text,
};

/** A node-soap client from a WSDL with the endpoint and credentials (exported for the fixture tests). */
export async function createSoapClient(
  wsdl: string,
  endpoint: ErpEndpoint,
  timeoutMs: number,
): Promise<soap.Client> {
  const client = await soap.createClientAsync(wsdl, {
    endpoint: endpoint.endpoint,
    customDeserializer: keepText,
    wsdl_options: { timeout: timeoutMs },
    returnFault: false,
  });
  if (endpoint.username !== undefined && endpoint.password !== undefined) {
    client.setSecurity(
      endpoint.auth === 'basic'
        ? new soap.BasicAuthSecurity(endpoint.username, endpoint.password)
        : new soap.WSSecurity(endpoint.username, endpoint.password, {
            passwordType: 'PasswordText',
            hasTimeStamp: false,
          }),
    );
  }
  return client;
}

const resultOf = (response: unknown, name: string): Json => {
  const body = (response as Json | null) ?? {};
  // WCF wraps the answer in <XResult>; some services put the fields straight under the response.
  const inner = body[`${name}Result`];
  const result = typeof inner === 'object' && inner !== null ? (inner as Json) : body;
  const code = Number(result.ErrorCode ?? 0);
  if (Number.isFinite(code) && code !== 0)
    throw new ErpCallError(
      `the ERP answered ${name} with error ${code}: ${str(result.ErrorMessage) ?? 'no message'}`,
      true,
    );
  return result;
};

/** Items of an ERP response: `<Items><Item>…</Item></Items>` (GetItemInformation) and the sync operations. */
export function parseItemInformation(response: unknown): ErpItemInformation[] {
  const result = resultOf(response, 'GetItemInformation');
  return asArray((result.Items as Json | undefined)?.Item).map((item) => ({
    itemNumber: str(item.ItemNumber) ?? '',
    requestedQuantity: str((item.RequestedQuantity as Json | undefined)?.Value),
    warehouses: asArray((item.Warehouses as Json | undefined)?.Warehouse).map((w) => ({
      id: str(w.Id) ?? '',
      isDefault: w.Default === true || w.Default === 'true',
    })),
  }));
}

export interface ErpClients {
  /** A client for a tenant's endpoint (the circuit is the tenant's, whatever the endpoint). */
  forTenant(tenantId: string, endpoint: ErpEndpoint): ErpClient;
  circuit(tenantId: string): 'closed' | 'open' | 'half_open';
}

export function createErpClients(options: ErpClientOptions = {}, wsdl = erpWsdlPath()): ErpClients {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const breakers = new Map<string, CircuitBreakerPolicy>();
  const soapClients = new Map<string, Promise<soap.Client>>();

  const breakerOf = (tenantId: string) => {
    let breaker = breakers.get(tenantId);
    if (!breaker) {
      breaker = circuitBreaker(handleAll, {
        halfOpenAfter: options.halfOpenAfterMs ?? 60_000,
        breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
      });
      breakers.set(tenantId, breaker);
    }
    return breaker;
  };

  const soapClientFor = (endpoint: ErpEndpoint) => {
    const key = JSON.stringify([endpoint.endpoint, endpoint.username, endpoint.password, endpoint.auth]);
    let client = soapClients.get(key);
    if (!client) {
      client = createSoapClient(wsdl, endpoint, timeoutMs);
      client.catch(() => soapClients.delete(key));
      soapClients.set(key, client);
    }
    return client;
  };

  return {
    circuit(tenantId) {
      const state = breakers.get(tenantId)?.state ?? CircuitState.Closed;
      return state === CircuitState.Open || state === CircuitState.Isolated
        ? 'open'
        : state === CircuitState.HalfOpen
          ? 'half_open'
          : 'closed';
    },
    forTenant(tenantId, endpoint) {
      const attempts = options.attempts ?? 3;
      const policy = wrap(
        retry(
          handleWhen(
            (error) =>
              !(error instanceof ErpCallError && error.fault) && !(error instanceof BrokenCircuitError),
          ),
          {
            maxAttempts: Math.max(0, attempts - 1),
            backoff: new ExponentialBackoff({
              initialDelay: options.initialBackoffMs ?? 500,
              maxDelay: 10_000,
            }),
          },
        ),
        breakerOf(tenantId),
        timeout(timeoutMs, TimeoutStrategy.Aggressive),
      );
      const call = async (operation: string, args: Json): Promise<unknown> => {
        try {
          return await policy.execute(async ({ signal }) => {
            const client = await soapClientFor(endpoint);
            const method = (client as unknown as Record<string, (a: Json, o: Json) => Promise<unknown[]>>)[
              `${operation}Async`
            ];
            if (!method) throw new ErpCallError(`the ERP's WSDL has no operation ${operation}`, true);
            try {
              const [result] = await method.call(client, args, { timeout: timeoutMs, signal });
              return result;
            } catch (error) {
              const fault = soapFaultText(error);
              if (fault !== undefined) throw new ErpCallError(`SOAP fault from ${operation}: ${fault}`, true);
              throw error;
            }
          });
        } catch (error) {
          if (error instanceof ErpCallError) throw error;
          if (error instanceof BrokenCircuitError)
            throw new ErpCallError(
              `${operation} not called: the ERP circuit is open after repeated failures; it is tried again later`,
              false,
            );
          if (error instanceof TaskCancelledError)
            throw new ErpCallError(
              `${operation} timed out after ${timeoutMs} ms (${attempts} attempts)`,
              false,
            );
          const message = error instanceof Error ? error.message : String(error);
          throw new ErpCallError(`${operation} failed (${attempts} attempts): ${message}`, false);
        }
      };
      return {
        async getInventoryChanges(query) {
          const response = await call('GetInventoryChanges', {
            ...(query.modifiedSince ? { ModifiedSince: query.modifiedSince } : {}),
            ...(query.warehouse ? { Warehouse: query.warehouse } : {}),
            Page: query.page,
            PageSize: query.pageSize,
          });
          const result = resultOf(response, 'GetInventoryChanges');
          return {
            items: asArray((result.Items as Json | undefined)?.InventoryItem).map((item) => ({
              itemNumber: str(item.ItemNumber) ?? '',
              warehouseId: str((item.Warehouse as Json | undefined)?.Id),
              quantityOnHand: str(item.QuantityOnHand) ?? '',
              modifiedAt: str(item.ModifiedAt),
            })),
            hasMore: result.HasMore === true || result.HasMore === 'true',
          };
        },
        async getProductMaster(query) {
          const response = await call('GetProductMaster', {
            ...(query.modifiedSince ? { ModifiedSince: query.modifiedSince } : {}),
            Page: query.page,
            PageSize: query.pageSize,
          });
          const result = resultOf(response, 'GetProductMaster');
          return {
            items: asArray((result.Items as Json | undefined)?.ProductItem).map((item) => ({
              itemNumber: str(item.ItemNumber) ?? '',
              description: str(item.Description),
              prices: asArray((item.Prices as Json | undefined)?.Price).map((p) => ({
                currency: str(p.Currency) ?? '',
                value: str(p.Value) ?? '',
              })),
              status: str(item.Status),
              modifiedAt: str(item.ModifiedAt),
            })),
            hasMore: result.HasMore === true || result.HasMore === 'true',
          };
        },
        async getItemInformation(items) {
          const response = await call('GetItemInformation', {
            Items: {
              Item: items.map((i) => ({
                ItemNumber: i.itemNumber,
                RequestedQuantity: { Value: i.quantity },
              })),
            },
          });
          return parseItemInformation(response);
        },
      };
    },
  };
}
