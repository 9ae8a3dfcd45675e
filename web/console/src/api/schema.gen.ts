// Generated from the platform's internal OpenAPI document (/openapi.json) by
// `npm run api-types:generate`. Do not edit: a test fails when it drifts from the server.

export interface paths {
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys (never their secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["ApiKey"][];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API key; the key is in the answer and is never shown again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expiresAt?: string;
                        name: string;
                        /** @description e.g. calls:ingest, recordings:ingest */
                        scopes: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiKey: components["schemas"]["ApiKey"];
                            key: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{apiKeyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (it stops working at once) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    apiKeyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKey"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit log entries, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description Exact action, or a prefix ending in a dot (auth.) */
                    action?: string;
                    /** @description Who acted: a user (usr_...), an API key (key_...) or a system component */
                    actor?: string;
                    /** @description Cursor: nextBefore of the previous page */
                    before?: number;
                    /** @description Entries at or after this instant */
                    from?: string;
                    limit?: number;
                    /** @description Entries before this instant */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["AuditEntry"][];
                            nextBefore: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recompute the tenant's hash chain and report the first broken link, if any */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: number;
                            firstBreak: {
                                detail: string;
                                reason: string;
                                seq: number;
                            } | null;
                            intact: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with e-mail and password (and a TOTP code when enabled) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                        /** @description The tenant slug */
                        tenant: string;
                        totp?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TokenPair"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session of a refresh token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of the caller */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            revoked: number;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in caller, with the permissions this session has */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actor: string;
                            permissions: string[];
                            tenantId: string;
                            user: components["schemas"]["User"] | null;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/exchange": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish a provider sign-in: redeem the authorisation code and get a Switchboard token pair */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        codeVerifier: string;
                        /** @description The iss parameter of the authorisation response, when the provider sent one */
                        iss?: string;
                        nonce: string;
                        /**
                         * Format: starts_with
                         * @description idp_... from GET /auth/providers
                         */
                        providerId: string;
                        /** @description <public URL>/auth/callback (checked exactly) */
                        redirectUri: string;
                        /** @description The tenant slug, as for password sign-in */
                        tenant: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TokenPair"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The provider’s authorisation URL for a sign-in the browser prepared (PKCE S256, state, nonce) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description S256 challenge of the verifier the browser keeps */
                        codeChallenge: string;
                        nonce: string;
                        /**
                         * Format: starts_with
                         * @description idp_... from GET /auth/providers
                         */
                        providerId: string;
                        /** @description <public URL>/auth/callback (checked exactly) */
                        redirectUri: string;
                        state: string;
                        /** @description The tenant slug, as for password sign-in */
                        tenant: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorizationUrl: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The identity providers a tenant offers for console sign-in (empty for an unknown tenant) */
        get: {
            parameters: {
                query: {
                    /** @description The tenant slug, as for password sign-in */
                    tenant: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["SignInOption"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for a new pair (the old refresh token stops working) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TokenPair"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish enrolment with a current code; sign-in asks for a code from then on */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start enrolling an authenticator app: returns the secret once, as an otpauth:// URI */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            otpauthUri: string;
                            secret: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bus/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Dead letters of the caller’s tenant, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description Only letters that failed before this time (paging) */
                    before?: string;
                    category?: components["schemas"]["DeadLetterCategoryInput"];
                    group?: string;
                    /** @description Also letters already dealt with (replayed or discarded); default: only those waiting */
                    includeReplayed?: string;
                    limit?: number;
                    type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["DeadLetter"][];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bus/dead-letters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One dead letter with its event and the last error */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Dead letter id (dlq_...) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DeadLetter"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bus/dead-letters/{id}/discard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a waiting letter aside for good, without delivering its event again
         * @description The letter is kept, marked discarded with who did it, and no longer counts as waiting. Discarding it again changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Dead letter id (dlq_...) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DeadLetter"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bus/dead-letters/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deliver the event again to the group that failed it
         * @description A discarded letter is not replayed (409).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Dead letter id (dlq_...) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DeadLetter"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bus/dead-letters/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many letters of the caller’s tenant wait, per category */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DeadLetterSummary"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Calls, filtered, sorted (newest first by default), keyset-paginated; with a total on request */
        get: {
            parameters: {
                query?: {
                    /** @description Agent id as the source gives it (or the name when the source has none), case-insensitive */
                    agent?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description One or more of: inbound, outbound, internal, unknown (comma-separated) */
                    direction?: string;
                    /** @description One or more of: answered, no_answer, busy, failed, cancelled, voicemail (comma-separated) */
                    disposition?: string;
                    /** @description Calls that started at or after this instant (ISO 8601 with Z or an offset) */
                    from?: string;
                    limit?: number;
                    /** @description Total duration of at least this many seconds */
                    minDuration?: number;
                    /** @description A number on any leg: E.164 (+4930123456; spaces, dashes and brackets are ignored) or the raw address exactly (extension, SIP URI) */
                    number?: string;
                    /** @description Whole words of the names of callers, callees and agents (all must occur); case- and accent-insensitive. No partial words: names are stored encrypted. */
                    q?: string;
                    /** @description Queue id as the source gives it */
                    queue?: string;
                    /** @description startedAt or duration; a leading minus sorts descending (longest, newest first); ties go by start time the same way */
                    sort?: "startedAt" | "-startedAt" | "duration" | "-duration";
                    /** @description One or more of: teams, twilio, asterisk, freeswitch, 3cx, cucm, connect, genesys, sbc, vcon, generic (comma-separated) */
                    source?: string;
                    /** @description Calls that started before this instant */
                    to?: string;
                    /** @description true: count the matching calls (exact up to 10,000, else the planner’s estimate with exact: false) */
                    total?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["CallSummary"][];
                            /** @description Pass as cursor for the next page; null on the last page */
                            nextCursor: string | null;
                            /** @description How many calls match, when asked with total=true; else null */
                            total: {
                                count: number;
                                /** @description false: the planner’s estimate, because counting would be slow */
                                exact: boolean;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/{callId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One call with its legs; with a signed link to the raw payload for callers holding calls:raw */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description call_... */
                    callId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CallDetail"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/{callId}/recordings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A call's recordings, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description call_... */
                    callId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["RecordingSummary"][];
                            /** @description Pass as cursor for the next page; null on the last page */
                            nextCursor: string | null;
                            /** @description How many recordings match, when asked with total=true; else null */
                            total: {
                                count: number;
                                /** @description false: the planner’s estimate, because counting would be slow */
                                exact: boolean;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/{callId}/vcon": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One call as a vCon (unsigned JSON form), with its recordings (signed, audited links; redacted audio unless asked otherwise) and transcripts as the caller may see them (audited) */
        get: {
            parameters: {
                query?: {
                    /** @description Which audio the recording dialogs link to; original needs recordings:read_original */
                    media?: "redacted" | "original";
                };
                header?: never;
                path: {
                    /** @description call_... */
                    callId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The vCon (draft-ietf-vcon-vcon-core), as application/vcon */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vcon": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's connector endpoints and which of their secrets are set */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CallConnectors"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every matching call as CSV, JSON Lines of CallRecord v1, or JSON Lines of vCons, streamed (audited) */
        get: {
            parameters: {
                query?: {
                    /** @description Agent id as the source gives it (or the name when the source has none), case-insensitive */
                    agent?: string;
                    /** @description One or more of: inbound, outbound, internal, unknown (comma-separated) */
                    direction?: string;
                    /** @description One or more of: answered, no_answer, busy, failed, cancelled, voicemail (comma-separated) */
                    disposition?: string;
                    /** @description csv, jsonl (CallRecord v1 per line) or vcon (one vCon per line) */
                    format?: "csv" | "jsonl" | "vcon";
                    /** @description Calls that started at or after this instant (ISO 8601 with Z or an offset) */
                    from?: string;
                    /** @description Total duration of at least this many seconds */
                    minDuration?: number;
                    /** @description A number on any leg: E.164 (+4930123456; spaces, dashes and brackets are ignored) or the raw address exactly (extension, SIP URI) */
                    number?: string;
                    /** @description Whole words of the names of callers, callees and agents (all must occur); case- and accent-insensitive. No partial words: names are stored encrypted. */
                    q?: string;
                    /** @description Queue id as the source gives it */
                    queue?: string;
                    /** @description One or more of: teams, twilio, asterisk, freeswitch, 3cx, cucm, connect, genesys, sbc, vcon, generic (comma-separated) */
                    source?: string;
                    /** @description Calls that started before this instant */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The calls, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": string;
                        "text/csv": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation's background exports, newest first, past ones included */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    before?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["CallExportJob"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Starts a background export of every matching call (audited); follow it at /calls/exports/{exportId} */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Agent id as the source gives it (or the name when the source has none), case-insensitive */
                        agent?: string;
                        /** @description One or more of: inbound, outbound, internal, unknown (comma-separated) */
                        direction?: string;
                        /** @description One or more of: answered, no_answer, busy, failed, cancelled, voicemail (comma-separated) */
                        disposition?: string;
                        /**
                         * @description csv, jsonl (CallRecord v1 per line) or vcon (one vCon per line)
                         * @default csv
                         * @enum {string}
                         */
                        format?: "csv" | "jsonl" | "vcon";
                        /**
                         * Format: date-time
                         * @description Calls that started at or after this instant (ISO 8601 with Z or an offset)
                         */
                        from?: string;
                        /** @description Total duration of at least this many seconds */
                        minDuration?: number;
                        /** @description A number on any leg: E.164 (+4930123456; spaces, dashes and brackets are ignored) or the raw address exactly (extension, SIP URI) */
                        number?: string;
                        /** @description Whole words of the names of callers, callees and agents (all must occur); case- and accent-insensitive. No partial words: names are stored encrypted. */
                        q?: string;
                        /** @description Queue id as the source gives it */
                        queue?: string;
                        /** @description One or more of: teams, twilio, asterisk, freeswitch, 3cx, cucm, connect, genesys, sbc, vcon, generic (comma-separated) */
                        source?: string;
                        /**
                         * Format: date-time
                         * @description Calls that started before this instant
                         */
                        to?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CallExportJob"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/exports/{exportId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One background export: its status and progress (rows, bytes) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description exp_... */
                    exportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CallExportJob"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/exports/{exportId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stops a queued or running export (audited); 409 once it has finished */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description exp_... */
                    exportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CallExportJob"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/exports/{exportId}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A signed link to the export's file, valid for 5 minutes (audited); 409 before it succeeded or after it expired */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description exp_... */
                    exportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CallExportDownload"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/ingest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit call records in any supported format; 202 once the payload is durable
         * @description The body is stored as sent and processed asynchronously: parsed, archived and indexed, or quarantined with a reason. Formats: asterisk-csv, asterisk-custom-csv, freeswitch-csv, freeswitch-json, freeswitch-xml, 3cx-csv, cucm-csv, connect-json, genesys-json, teams-json, twilio-form, kamailio-json, vcon, generic-json. generic-json takes records in the unified CallRecord v1 schema (see docs/call-record.v1.schema.json). A body without a single record (empty, [], blank lines, header rows only) is refused with 400 CALLS_EMPTY_PAYLOAD.
         */
        post: {
            parameters: {
                query: {
                    /** @description Comma-separated column layout of a custom CSV: asterisk-custom-csv (cdr_custom field names, empty for a column to keep only as an extra, or "header" when the first row names them), 3cx-csv (3CX CDR field names), freeswitch-csv (channel variable names of the cdr_csv template) */
                    columns?: string;
                    /** @description Region national numbers are read in (ISO 3166-1 alpha-2, such as FR) */
                    defaultCountry?: string;
                    /** @description Digit strings up to this length are extensions (default 6) */
                    extensionMaxDigits?: number;
                    format: "asterisk-csv" | "asterisk-custom-csv" | "freeswitch-csv" | "freeswitch-json" | "freeswitch-xml" | "3cx-csv" | "cucm-csv" | "connect-json" | "genesys-json" | "teams-json" | "twilio-form" | "kamailio-json" | "vcon" | "generic-json";
                    /** @description The tenant's own public numbers (E.164, comma-separated): calls to them are inbound */
                    ownNumbers?: string;
                    /** @description IANA zone of local timestamps (Asterisk without usegmtime, 3CX, FreeSWITCH CSV, Kamailio); default UTC */
                    timeZone?: string;
                    /** @description asterisk-csv: cdr.conf usegmtime=yes (times are UTC) */
                    usegmtime?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description raw_...: the stored payload */
                            payloadId: string;
                            /** @enum {string} */
                            status: "accepted";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-sent events: `calls` whenever calls of the caller's tenant were added or changed (at most one a second)
         * @description A text/event-stream. `event: calls` with `data: {"at": "<ISO time>"}` after each committed ingest batch that created or changed calls; `event: exports` (same data) when a background export of the tenant was queued, progressed or finished (reload /calls/exports); a comment line every 15 s; the server ends a stream after 15 minutes (reconnect with a current token). Authenticate with the Authorization header (fetch streaming), never with a token in the URL. Send Accept: text/event-stream (406 otherwise).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The event stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                406: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/quarantine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Quarantined payloads, newest first */
        get: {
            parameters: {
                query?: {
                    category?: components["schemas"]["QuarantineCategoryInput"];
                    cursor?: string;
                    limit?: number;
                    source?: string;
                    status?: "open" | "replayed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["QuarantinedPayload"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/quarantine/{quarantineId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One quarantined payload: why it failed, where it is */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description qua_... */
                    quarantineId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QuarantinedPayload"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/quarantine/{quarantineId}/raw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The payload as received (audited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description qua_... */
                    quarantineId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The raw bytes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/quarantine/{quarantineId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-parses the payload with the current connector of its source; indexes the calls it now yields and marks it replayed
         * @description 422 when the payload still cannot be normalised (the attempt and the new reason are recorded on the item); 409 when it was replayed already.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description qua_... */
                    quarantineId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QuarantineReplay"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/quarantine/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many payloads wait, per category of reason */
        get: {
            parameters: {
                query?: {
                    source?: string;
                    status?: "open" | "replayed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QuarantineSummary"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/queue-targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service-level targets: the default and each queue’s own */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QueueTargets"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/queue-targets/default": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sets the default targets (audited) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The share of offered calls to answer within the seconds, 0-1 (0.8 = 80 %) */
                        serviceLevelGoal: number;
                        /** @description Answered within this many seconds counts towards the service level; one of 5, 10, 15, 20, 25, 30, 45, 60, 90, 120, 180, 240, 300, 600 */
                        serviceLevelSeconds: number;
                        /** @description Inbound calls given up within this many seconds are not counted as offered or abandoned; 0 = none, else one of 5, 10, 15, 20, 25, 30, 45, 60, 90, 120, 180, 240, 300, 600 */
                        shortAbandonSeconds: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QueueTargets"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Returns the default targets to the built-in 80 % in 20 s, short abandons 5 s (audited) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QueueTargets"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/queue-targets/queues/{queueId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sets a queue’s own targets (audited) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Queue id as the source gives it */
                    queueId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The share of offered calls to answer within the seconds, 0-1 (0.8 = 80 %) */
                        serviceLevelGoal: number;
                        /** @description Answered within this many seconds counts towards the service level; one of 5, 10, 15, 20, 25, 30, 45, 60, 90, 120, 180, 240, 300, 600 */
                        serviceLevelSeconds: number;
                        /** @description Inbound calls given up within this many seconds are not counted as offered or abandoned; 0 = none, else one of 5, 10, 15, 20, 25, 30, 45, 60, 90, 120, 180, 240, 300, 600 */
                        shortAbandonSeconds: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QueueTargets"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Removes a queue’s own targets: it follows the default again (audited) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Queue id as the source gives it */
                    queueId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QueueTargets"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts, answer-seizure ratio, talk and handle times and abandon rate per interval of the tenant's local time */
        get: {
            parameters: {
                query: {
                    /** @description Agent id as the source gives it (or the name when the source has none), case-insensitive */
                    agent?: string;
                    /** @description previous: also the totals of the period of equal length just before */
                    compare?: "previous";
                    /** @description One or more of: inbound, outbound, internal, unknown (comma-separated) */
                    direction?: string;
                    /** @description One or more of: answered, no_answer, busy, failed, cancelled, voicemail (comma-separated) */
                    disposition?: string;
                    /** @description Start of the range (inclusive) */
                    from: string;
                    groupBy?: "source" | "queue" | "agent" | "direction";
                    /** @description Intervals of the tenant's local time; range: one interval, the whole range (totals only, the cheapest question) */
                    interval?: "15m" | "hour" | "day" | "range";
                    /** @description Total duration of at least this many seconds */
                    minDuration?: number;
                    /** @description A number on any leg: E.164 (+4930123456; spaces, dashes and brackets are ignored) or the raw address exactly (extension, SIP URI) */
                    number?: string;
                    /** @description Whole words of the names of callers, callees and agents (all must occur); case- and accent-insensitive. No partial words: names are stored encrypted. */
                    q?: string;
                    /** @description Queue id as the source gives it */
                    queue?: string;
                    /** @description One or more of: teams, twilio, asterisk, freeswitch, 3cx, cucm, connect, genesys, sbc, vcon, generic (comma-separated) */
                    source?: string;
                    /** @description End of the range (exclusive) */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CallStats"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/teams/subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Teams call-records subscription: state, expiry, last notification, last error */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TeamsSubscriptionStatus"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create the Teams call-records subscription (or replace the one there is)
         * @description Creates a Microsoft Graph change-notification subscription on /communications/callRecords with the tenant’s app credentials (secrets teams.tenant_id, teams.client_id, teams.client_secret), delivering to this platform’s Teams webhook; Graph validates the webhook first. A clientState is generated and stored as teams.client_state when there is none. A subscription held before is deleted once the new one exists. 409 CALLS_TEAMS_NOT_CONFIGURED names missing secrets; 409 CALLS_TEAMS_GRAPH_REFUSED carries Graph’s refusal; 503 when Graph is unavailable.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TeamsSubscriptionStatus"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Delete the Teams call-records subscription at Graph and stop renewing it */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Campaigns, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaigns: components["schemas"]["Campaign"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a campaign (a draft) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        endsAt?: string | null;
                        lists: {
                            /** @description list_... */
                            listId: string;
                            /**
                             * @description Mix ratio, 1–100
                             * @default 1
                             */
                            weight?: number;
                        }[];
                        name: string;
                        priority?: number;
                        settings: components["schemas"]["CampaignSettingsInput"];
                        startsAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/campaigns/{campaignId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One campaign */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a draft campaign */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a campaign (settings and lists are replaced whole); not once completed or cancelled */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        endsAt?: string | null;
                        lists?: {
                            /** @description list_... */
                            listId: string;
                            /**
                             * @description Mix ratio, 1–100
                             * @default 1
                             */
                            weight?: number;
                        }[];
                        name?: string;
                        priority?: number;
                        settings?: components["schemas"]["CampaignSettingsInput"];
                        startsAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/campaigns/campaigns/{campaignId}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The campaign’s call attempts, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    outcome?: "answered" | "busy" | "no_answer" | "voicemail" | "failed" | "abandoned";
                };
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: components["schemas"]["CampaignAttempt"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/campaigns/{campaignId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a campaign that has not ended */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/campaigns/{campaignId}/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which leads the dialer would call at an instant, and why the others not; stores and dials nothing */
        get: {
            parameters: {
                query?: {
                    /** @description The instant to evaluate (default now) */
                    at?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignDryRun"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/campaigns/{campaignId}/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-sent events: the campaign’s statistics at once, then whenever they change
         * @description A text/event-stream. `event: stats` with `data: CampaignStats` when the stream opens and whenever the statistics change (checked every 2 s); a comment line every 15 s; the server ends a stream after 15 minutes (reconnect). Authenticate with the Authorization header (fetch streaming).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The event stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/campaigns/{campaignId}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause a running campaign */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/campaigns/{campaignId}/results.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export the campaign’s attempts with each lead’s name and number as CSV (audited; formula cells neutralised) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The attempts, oldest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/campaigns/{campaignId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused campaign */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/campaigns/{campaignId}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a draft or paused campaign: its lists’ leads go into the hopper */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/campaigns/{campaignId}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the campaign did: calls, outcomes, abandonment (30 days, 24 hours), skips, pacing */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignStats"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/column-mappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The saved column mappings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mappings: components["schemas"]["SavedColumnMapping"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Save a column mapping for later imports */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        mapping: components["schemas"]["LeadColumnMappingInput"];
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SavedColumnMapping"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/column-mappings/{mappingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One saved column mapping */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mappingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SavedColumnMapping"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a saved column mapping */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    mappingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A number's consent history, newest first */
        get: {
            parameters: {
                query: {
                    /** @description E.164 (+12015550123), or national with region */
                    phone: string;
                    region?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            consents: components["schemas"]["Consent"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Record a consent: who, to what purpose and channel, when, how, the text shown */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        channel: "call" | "ai_voice" | "sms" | "email";
                        expiresAt?: string | null;
                        /** Format: date-time */
                        givenAt: string;
                        /** @description E.164 (+12015550123), or national with region */
                        phone: string;
                        purpose: string;
                        region?: string;
                        /** @description A copy of the request (stored sealed) */
                        request?: string;
                        requestObjectKey?: string;
                        /** @enum {string} */
                        source: "web_form" | "paper" | "verbal_recorded" | "ivr" | "sms_reply" | "import" | "api";
                        textShown: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Consent"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/consents/{consentId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw one consent record */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    consentId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        at?: string;
                        /** @enum {string} */
                        how: "web_form" | "paper" | "verbal_recorded" | "ivr" | "sms_stop" | "voice_agent" | "opt_out_intent" | "api" | "manual";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Consent"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/consents/withdrawals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a number's consents (all, or one purpose and/or channel) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        at?: string;
                        /** @enum {string} */
                        channel?: "call" | "ai_voice" | "sms" | "email";
                        /** @enum {string} */
                        how: "web_form" | "paper" | "verbal_recorded" | "ivr" | "sms_stop" | "voice_agent" | "opt_out_intent" | "api" | "manual";
                        /** @description E.164 (+12015550123), or national with region */
                        phone: string;
                        purpose?: string;
                        region?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            withdrawn: components["schemas"]["Consent"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/dnc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The do-not-call list, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    includeRemoved?: "true" | "false";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: components["schemas"]["DncEntry"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Put a number or a pattern (+4420*, +1555???1234) on the do-not-call list */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        evidence?: {
                            analysisId?: string;
                            callId?: string;
                            note?: string;
                            quote?: string;
                            recordingId?: string;
                        };
                        /** @description E.164 (+12015550123), or national with region */
                        number?: string;
                        pattern?: string;
                        reason: string;
                        region?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DncEntry"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/dnc-registries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current copy of each national registry, with its age (the dialer refuses a region's calls past 31 days) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            registries: components["schemas"]["DncRegistryCopy"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/dnc-registries/{registry}/copies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a national do-not-call registry copy (us-national-dnc, uk-tps) from a file of numbers
         * @description The request body is the registry file itself (text/plain or text/csv): one number a line, national
         *     numbers read in `region`; of a CSV row the first column is taken, and the FTC's `area code,number` rows
         *     are joined. Blank lines and # comments are skipped; other lines that are not numbers are counted as
         *     rejected. The copy replaces the registry's current one when the whole file is read.
         */
        post: {
            parameters: {
                query: {
                    downloadedAt: string;
                    region: string;
                };
                header?: never;
                path: {
                    registry: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DncRegistryCopy"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/dnc/{entryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take an entry off the do-not-call list (kept with who and why; audited) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    entryId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DncEntry"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/dnc/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether a number is suppressed: the entries and registry copies that list it */
        get: {
            parameters: {
                query: {
                    /** @description E.164 (+12015550123), or national with region */
                    number: string;
                    region?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: components["schemas"]["DncEntry"][];
                            number: string;
                            registries: {
                                listed: boolean;
                                registry: string;
                            }[];
                            suppressed: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Leads, newest first; by list, status, or number or e-mail (matched through a blind index) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    email?: string;
                    limit?: number;
                    listId?: string;
                    /** @description E.164, or national with region */
                    phone?: string;
                    region?: string;
                    status?: "new" | "attempted" | "contacted" | "callback" | "converted" | "not_interested" | "do_not_call" | "invalid";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            leads: components["schemas"]["LeadSummary"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/leads/{leadId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One lead with its status history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    leadId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadDetail"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/leads/{leadId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change a lead's status by hand (audited, a history row)
         * @description Any status may become do_not_call; do_not_call is final, converted and invalid only become do_not_call. 409 names the statuses the lead can take. A do_not_call status is not the do-not-call list: add the number to /api/v1/campaigns/dnc to suppress it for every list.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    leadId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Kept in the status history */
                        note?: string;
                        /** @enum {string} */
                        status: "new" | "attempted" | "contacted" | "callback" | "converted" | "not_interested" | "do_not_call" | "invalid";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadDetail"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/leads/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export leads as CSV (audited; cells that could run as a formula are neutralised) */
        get: {
            parameters: {
                query?: {
                    listId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The leads, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/leads/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lead imports, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            imports: components["schemas"]["LeadImport"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Import a lead file into a list: stored, scanned and read in the background
         * @description multipart/form-data with two parts, in this order:
         *     - `options`: JSON {listId, mappingId | mapping, saveMappingAs}; a mapping names the column of each lead field (by header, or by position), or a VICIdial preset (vicidial-standard, vicidial-stdrankowner, vicidial-minicsv, vicidial-minicsv02);
         *     - `file`: the lead file (CSV, TSV, pipe- or semicolon-separated; its type is read from its bytes, never its name).
         *     Refusals: 415 (not a lead file), 422 (empty; an XLSX workbook refused as a ZIP bomb or damaged, or without the mapping's sheet), 400 (options, naming each field; a mapping that does not fit the file), 413 (over the size limit), 404 (options.listId).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadImport"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/leads/imports/{importId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An import: its progress and the rows it rejected, with the reasons */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    rejectionsAfter?: number;
                };
                header?: never;
                path: {
                    importId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadImportDetail"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/leads/imports/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The first rows of a lead file as the mapping reads them; nothing is stored
         * @description multipart/form-data with two parts, in this order:
         *     - `options`: JSON {listId, mappingId | mapping, saveMappingAs}; a mapping names the column of each lead field (by header, or by position), or a VICIdial preset (vicidial-standard, vicidial-stdrankowner, vicidial-minicsv, vicidial-minicsv02);
         *     - `file`: the lead file (CSV, TSV, pipe- or semicolon-separated; its type is read from its bytes, never its name).
         *     Refusals: 415 (not a lead file), 422 (empty; an XLSX workbook refused as a ZIP bomb or damaged, or without the mapping's sheet), 400 (options, naming each field; a mapping that does not fit the file), 413 (over the size limit), 404 (options.listId).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadImportPreview"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The lead lists, by name */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            lists: components["schemas"]["LeadList"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a lead list */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        defaultRegion?: string | null;
                        description?: string | null;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/campaigns/lists/{listId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One lead list */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    listId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a lead list with its leads and imports */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    listId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename or describe a lead list */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    listId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        defaultRegion?: string | null;
                        description?: string | null;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/catalog/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The category tree, with paths */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                parentId: string | null;
                                readonly path: string[];
                                productCount: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a category */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        parentId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            parentId: string | null;
                            readonly path: string[];
                            productCount: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/categories/{categoryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a category without children or products */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    categoryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename or move a category (no cycles) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    categoryId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        parentId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            parentId: string | null;
                            readonly path: string[];
                            productCount: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/catalog/erp/connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ERP connection, its last syncs and its circuit breaker */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogErpConnection"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Configure the ERP connection (credentials go to the secrets store) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        auth?: "ws_security" | "basic";
                        enabled: boolean;
                        /** Format: uri */
                        endpoint: string;
                        intervalMinutes: number;
                        locationMap: {
                            [key: string]: string;
                        };
                        password?: string;
                        username?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogErpConnection"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/erp/syncs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** ERP sync reports, newest first */
        get: {
            parameters: {
                query?: {
                    kind?: "inventory" | "products";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["CatalogErpSyncReport"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Run an ERP sync now (the running one when one is running) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "inventory" | "products";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogErpSyncReport"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/erp/syncs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One ERP sync report */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogErpSyncReport"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/inventory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stock levels per product and location */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    locationId?: string;
                    lowStock?: "true" | "false";
                    productId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["CatalogInventoryLevel"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/inventory/{productId}/{locationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set or adjust the stock of a product at a location */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    locationId: string;
                    productId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        adjustBy?: number;
                        lowStockThreshold?: number;
                        onHand?: number;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogInventoryLevel"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/locations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The stock locations (warehouses, stores) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["CatalogLocation"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Add a stock location */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogLocation"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search and list products, with facets */
        get: {
            parameters: {
                query?: {
                    availability?: "in_stock" | "out_of_stock";
                    categoryId?: string;
                    currency?: string;
                    cursor?: string;
                    limit?: number;
                    priceMax?: number;
                    priceMin?: number;
                    q?: string;
                    sort?: "relevance" | "name" | "newest" | "price";
                    status?: "draft" | "active" | "archived";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            facets: {
                                availability: {
                                    inStock: number;
                                    outOfStock: number;
                                };
                                /** @description Facets count at most this many of the best matches */
                                basedOn: {
                                    capped: boolean;
                                    rows: number;
                                };
                                categories: {
                                    count: number;
                                    id: string;
                                    name: string;
                                }[];
                                priceBands: {
                                    count: number;
                                    fromMinor: number;
                                    toMinor: number | null;
                                }[];
                            };
                            items: {
                                attributes: {
                                    [key: string]: string | number | boolean;
                                };
                                available: number;
                                categoryId: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                description: string | null;
                                id: string;
                                readonly images: {
                                    alt: string | null;
                                    contentType: string;
                                    id: string;
                                    sizeBytes: number;
                                }[];
                                name: string;
                                readonly prices: {
                                    amountMinor: number;
                                    currency: string;
                                }[];
                                sku: string;
                                /** @enum {string} */
                                status: "draft" | "active" | "archived";
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                            }[];
                            nextCursor: string | null;
                            total: {
                                count: number;
                                exact: boolean;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a product */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        attributes?: {
                            [key: string]: string | number | boolean;
                        };
                        categoryId?: string | null;
                        description?: string | null;
                        name: string;
                        prices: {
                            amountMinor: number;
                            currency: string;
                        }[];
                        sku: string;
                        /** @enum {string} */
                        status?: "draft" | "active" | "archived";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attributes: {
                                [key: string]: string | number | boolean;
                            };
                            available: number;
                            categoryId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            id: string;
                            readonly images: {
                                alt: string | null;
                                contentType: string;
                                id: string;
                                sizeBytes: number;
                            }[];
                            name: string;
                            readonly prices: {
                                amountMinor: number;
                                currency: string;
                            }[];
                            sku: string;
                            /** @enum {string} */
                            status: "draft" | "active" | "archived";
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/products/{productId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One product */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    productId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attributes: {
                                [key: string]: string | number | boolean;
                            };
                            available: number;
                            categoryId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            id: string;
                            readonly images: {
                                alt: string | null;
                                contentType: string;
                                id: string;
                                sizeBytes: number;
                            }[];
                            name: string;
                            readonly prices: {
                                amountMinor: number;
                                currency: string;
                            }[];
                            sku: string;
                            /** @enum {string} */
                            status: "draft" | "active" | "archived";
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Archive a product */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    productId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attributes: {
                                [key: string]: string | number | boolean;
                            };
                            available: number;
                            categoryId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            id: string;
                            readonly images: {
                                alt: string | null;
                                contentType: string;
                                id: string;
                                sizeBytes: number;
                            }[];
                            name: string;
                            readonly prices: {
                                amountMinor: number;
                                currency: string;
                            }[];
                            sku: string;
                            /** @enum {string} */
                            status: "draft" | "active" | "archived";
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a product (naming the version it read) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    productId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        attributes?: {
                            [key: string]: string | number | boolean;
                        };
                        categoryId?: string | null;
                        description?: string | null;
                        name?: string;
                        prices?: {
                            amountMinor: number;
                            currency: string;
                        }[];
                        sku?: string;
                        /** @enum {string} */
                        status?: "draft" | "active" | "archived";
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attributes: {
                                [key: string]: string | number | boolean;
                            };
                            available: number;
                            categoryId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            id: string;
                            readonly images: {
                                alt: string | null;
                                contentType: string;
                                id: string;
                                sizeBytes: number;
                            }[];
                            name: string;
                            readonly prices: {
                                amountMinor: number;
                                currency: string;
                            }[];
                            sku: string;
                            /** @enum {string} */
                            status: "draft" | "active" | "archived";
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/catalog/products/{productId}/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an image (PNG, JPEG, WebP or GIF, at most 10 MB; parts alt then file) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    productId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alt: string | null;
                            contentType: string;
                            id: string;
                            sizeBytes: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/products/{productId}/images/{imageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bytes of an image */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    imageId: string;
                    productId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The image */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/*": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove an image */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    imageId: string;
                    productId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/products/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import products from CSV (sku,name,description,status,category,price_<CUR>…,attr_<name>…), in the background */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            /** Format: date-time */
                            createdAt: string;
                            failureReason: string | null;
                            finishedAt: string | null;
                            id: string;
                            rejected: number;
                            readonly rejections: {
                                field: string;
                                reason: string;
                                row: number;
                            }[];
                            rowsDone: number;
                            rowsTotal: number;
                            /** @enum {string} */
                            state: "queued" | "running" | "completed" | "failed";
                            unchanged: number;
                            updated: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/products/imports/{importId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Progress and rejections of a product import */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    importId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            /** Format: date-time */
                            createdAt: string;
                            failureReason: string | null;
                            finishedAt: string | null;
                            id: string;
                            rejected: number;
                            readonly rejections: {
                                field: string;
                                reason: string;
                                row: number;
                            }[];
                            rowsDone: number;
                            rowsTotal: number;
                            /** @enum {string} */
                            state: "queued" | "running" | "completed" | "failed";
                            unchanged: number;
                            updated: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search transcribed conversations by words (anywhere, the agent’s, the customer’s), analysis (sentiment, QA grade and score, intents, categories, topics), agent, queue and call start; newest call first, keyset-paginated
         * @description Text filters need transcripts:read, analysis filters analysis:read. A conversation is a recording with a transcript (state ready).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Agent id (or name without an id), case-insensitive */
                    agent?: string;
                    /** @description Words the agent said (web search syntax: words, "a phrase", -word, or). Needs transcripts:read. */
                    agentSaid?: string;
                    /** @description true: only conversations with a current analysis; false: only those without */
                    analysed?: "true" | "false";
                    /** @description One or more category ids of the tenant’s category set (comma-separated); a conversation matches with any of them */
                    category?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description Words the customer said (web search syntax: words, "a phrase", -word, or). Needs transcripts:read. */
                    customerSaid?: string;
                    /** @description The customer's sentiment label */
                    customerSentiment?: string;
                    /** @description Call started (or, without a start, received) at or after */
                    from?: string;
                    /** @description QA grade, one or more of A-E */
                    grade?: string;
                    /** @description One or more intent kinds (refund_request, cancel_request, …) (comma-separated); a conversation matches with any of them */
                    intent?: string;
                    limit?: number;
                    /** @description Words anywhere in the redacted transcript (web search syntax: words, "a phrase", -word, or). Needs transcripts:read. */
                    q?: string;
                    /** @description QA score at most (0..100) */
                    qaScoreMax?: number;
                    /** @description QA score at least (0..100) */
                    qaScoreMin?: number;
                    queue?: string;
                    /** @description Overall sentiment label (score ≥ 0.1 positive, ≤ -0.1 negative, else neutral) */
                    sentiment?: string;
                    /** @description Overall sentiment score at most (-1..1) */
                    sentimentMax?: number;
                    /** @description Overall sentiment score at least (-1..1) */
                    sentimentMin?: number;
                    /** @description Call started (or received) before */
                    to?: string;
                    /** @description One or more topic ids (comma-separated); a conversation matches with any of them */
                    topic?: string;
                    /** @description true: count the matching conversations (exact up to 10,000, else the planner’s estimate with exact: false) */
                    total?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConversationPage"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/agents/{agent}/scorecard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One agent's QA over time: scores and grades per interval, pass rate per scorecard rule, sentiment, the lowest-scored calls */
        get: {
            parameters: {
                query: {
                    /** @description Calls started at or after this instant */
                    from: string;
                    /** @description Trend intervals of the tenant's time zone */
                    interval?: "week" | "day";
                    queue?: string;
                    team?: string;
                    /** @description Calls started before this instant */
                    to: string;
                };
                header?: never;
                path: {
                    /** @description The agent key (the blind index as hex) from the dashboard's agents */
                    agent: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AgentScorecard"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/agents/{agent}/scorecard/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One table of an agent's scorecard as CSV (formula-safe, audited: it names the agent) */
        get: {
            parameters: {
                query: {
                    /** @description Calls started at or after this instant */
                    from: string;
                    /** @description Trend intervals of the tenant's time zone */
                    interval?: "week" | "day";
                    queue?: string;
                    /** @description Which table of the agent's scorecard */
                    table: "intervals" | "rules" | "worst_calls";
                    team?: string;
                    /** @description Calls started before this instant */
                    to: string;
                };
                header?: never;
                path: {
                    /** @description The agent key (the blind index as hex) from the dashboard's agents */
                    agent: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The table as CSV */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every category set of the organisation */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalysisConfigList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Creates a category set: its version 1, active at once (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CategorySetInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CategorySetVersion"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/categories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A version of the category set: the newest unless ?version= names one (or active) */
        get: {
            parameters: {
                query?: {
                    /** @description A version number, latest (the default) or active */
                    version?: number | ("latest" | "active");
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CategorySetVersion"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/categories/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Makes a version of the category set the active one, an older one included (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AnalysisConfigActivateInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CategorySetVersion"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/categories/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Which categories of the set (the body given, or a saved version) a stored recording matches */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CategoriesPreviewRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CategoryMatches"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/categories/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of the category set, newest first (old versions stay readable) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalysisConfigVersions"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Saves a new version of the category set; active only with ?activate=true (audited) */
        post: {
            parameters: {
                query?: {
                    /** @description Make the new version the active one at once */
                    activate?: "true" | "false";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CategorySetInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CategorySetVersion"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Quality dashboard over the current analyses of calls started in the range, in the tenant's time zone: QA by agent, team and interval, sentiment trend, top labels, silence and interruption outliers */
        get: {
            parameters: {
                query: {
                    agent?: string;
                    /** @description Calls started at or after this instant */
                    from: string;
                    /** @description This many interruptions or more is an outlier (besides the p95) */
                    interruptions?: number;
                    /** @description Trend intervals of the tenant's time zone */
                    interval?: "week" | "day";
                    queue?: string;
                    /** @description A longest silence of this many milliseconds or more is an outlier (besides the p95) */
                    silenceMs?: number;
                    team?: string;
                    /** @description Calls started before this instant */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QualityDashboard"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/dashboard/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One table of the quality dashboard as CSV (formula-safe); tables that name agents are audited */
        get: {
            parameters: {
                query: {
                    agent?: string;
                    /** @description Calls started at or after this instant */
                    from: string;
                    /** @description This many interruptions or more is an outlier (besides the p95) */
                    interruptions?: number;
                    /** @description Trend intervals of the tenant's time zone */
                    interval?: "week" | "day";
                    queue?: string;
                    /** @description A longest silence of this many milliseconds or more is an outlier (besides the p95) */
                    silenceMs?: number;
                    /** @description Which table of the dashboard */
                    table: "intervals" | "agents" | "teams" | "categories" | "intents" | "topics" | "silence" | "interruptions";
                    team?: string;
                    /** @description Calls started before this instant */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The table as CSV */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/disputes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's QA disputes, newest first; state=open is the reviewers' queue */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the page before */
                    cursor?: string;
                    limit?: number;
                    state?: "open" | "accepted" | "rejected";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QaDisputeList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/export.jsonl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current analyses created in [from, to) as JSON Lines: call rows or QA rule rows (docs/conversation-rows.schema.json), streamed, oldest first (audited) */
        get: {
            parameters: {
                query?: {
                    /** @description Analyses created at or after this instant (default: the first) */
                    from?: string;
                    /** @description calls: one row per analysed call; rules: one row per QA rule result */
                    rows?: "calls" | "rules";
                    /** @description Analyses created before this instant (default: now) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One JSON object a line */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/insight-schemas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every insight schema of the organisation */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalysisConfigList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Creates a insight schema: its version 1, active at once (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InsightSchemaInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InsightSchemaVersion"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/insight-schemas/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A version of the insight schema: the newest unless ?version= names one (or active) */
        get: {
            parameters: {
                query?: {
                    /** @description A version number, latest (the default) or active */
                    version?: number | ("latest" | "active");
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InsightSchemaVersion"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/insight-schemas/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Makes a version of the insight schema the active one, an older one included (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AnalysisConfigActivateInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InsightSchemaVersion"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/insight-schemas/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of the insight schema, newest first (old versions stay readable) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalysisConfigVersions"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Saves a new version of the insight schema; active only with ?activate=true (audited) */
        post: {
            parameters: {
                query?: {
                    /** @description Make the new version the active one at once */
                    activate?: "true" | "false";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InsightSchemaInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InsightSchemaVersion"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/rescore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Re-score jobs, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the page before */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["RescoreJob"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Re-scores the recordings that started in a period, in the background (audited). The same period, queue and scope while a job for it runs: that job (coalesced) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RescoreRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RescoreAccepted"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/rescore/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A re-score job's progress: total, done, failed with reasons, state */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RescoreJob"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/rescore/{jobId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancels a running re-score job (audited): it stops before its next batch; what it re-scored stays */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RescoreJob"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/scorecards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every scorecard of the organisation */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalysisConfigList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Creates a scorecard: its version 1, active at once (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ScorecardInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScorecardVersion"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/scorecards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A version of the scorecard: the newest unless ?version= names one (or active) */
        get: {
            parameters: {
                query?: {
                    /** @description A version number, latest (the default) or active */
                    version?: number | ("latest" | "active");
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScorecardVersion"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/scorecards/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Makes a version of the scorecard the active one, an older one included (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AnalysisConfigActivateInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScorecardVersion"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/scorecards/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Tries a scorecard (the body given, or a saved version) on a stored recording: deterministic rules are judged, llm rules stay pending */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ScorecardPreviewRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScorecardEvaluation"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/scorecards/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of the scorecard, newest first (old versions stay readable) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalysisConfigVersions"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Saves a new version of the scorecard; active only with ?activate=true (audited) */
        post: {
            parameters: {
                query?: {
                    /** @description Make the new version the active one at once */
                    activate?: "true" | "false";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ScorecardInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScorecardVersion"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/scorecards/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Tries an unsaved scorecard on a stored recording (deterministic rules; nothing is stored) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewScorecardPreviewRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScorecardEvaluation"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How recordings are transcribed and redacted in this organisation */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConversationSettings"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Changes the named settings (null returns one to its default); applies to runs started afterwards (audited) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ConversationSettingsChangeInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConversationSettings"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/settings/transcription-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether each configured transcription provider could run now (engine installed, secrets set); contacts no provider */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["TranscriptionProviderStatus"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's recording sources (pull connectors), with their cursor and last run */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["RecordingSource"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Adds a recording source; the timer runs it from its next tick when enabled (audited)
         * @description kind rest (a recorder REST API), twilio (Twilio Recordings) or 3cx (3CX V20 XAPI), with that kind's config. Credentials are secret NAMES (recorder.*, twilio.*, 3cx.*); set their values with PUT /api/v1/secrets/{name}.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        config: {
                            auth: {
                                /**
                                 * @default body
                                 * @enum {string}
                                 */
                                clientAuth?: "body" | "basic";
                                clientIdSecret: string;
                                clientSecretSecret?: string;
                                /** @enum {string} */
                                grant: "password";
                                passwordSecret: string;
                                scope?: string;
                                /** @default /oauth/token */
                                tokenPath?: string;
                                usernameSecret: string;
                            } | {
                                /**
                                 * @default body
                                 * @enum {string}
                                 */
                                clientAuth?: "body" | "basic";
                                clientIdSecret: string;
                                clientSecretSecret: string;
                                /** @enum {string} */
                                grant: "client_credentials";
                                scope?: string;
                                /** @default /oauth/token */
                                tokenPath?: string;
                            };
                            /** Format: uri */
                            baseUrl: string;
                            download: {
                                /** @default audio/*, *\/* */
                                accept?: string;
                                /** @default audio/mpeg */
                                contentType?: string;
                                path?: string;
                            };
                            /**
                             * @default {
                             *       "whenNoInternalLeg": "longest"
                             *     }
                             */
                            grouping?: {
                                /**
                                 * @default longest
                                 * @enum {string}
                                 */
                                whenNoInternalLeg?: "longest" | "skip";
                            };
                            /**
                             * @description How to tell our side of a call: address suffixes, patterns, extension length
                             * @default {
                             *       "domains": [],
                             *       "patterns": [],
                             *       "extensionMaxDigits": 6
                             *     }
                             */
                            internalParty?: {
                                /** @default [] */
                                domains?: string[];
                                /** @default 6 */
                                extensionMaxDigits?: number;
                                /** @default [] */
                                patterns?: string[];
                            };
                            mapping: {
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                agent?: string;
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                calledName?: string;
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                calledParty?: string;
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                callingName?: string;
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                callingParty?: string;
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                direction?: string;
                                /**
                                 * @default {
                                 *       "inbound": [
                                 *         "inbound",
                                 *         "incoming",
                                 *         "in"
                                 *       ],
                                 *       "outbound": [
                                 *         "outbound",
                                 *         "outgoing",
                                 *         "out"
                                 *       ],
                                 *       "internal": [
                                 *         "internal"
                                 *       ]
                                 *     }
                                 */
                                directionValues?: {
                                    /**
                                     * @default [
                                     *       "inbound",
                                     *       "incoming",
                                     *       "in"
                                     *     ]
                                     */
                                    inbound?: string[];
                                    /**
                                     * @default [
                                     *       "internal"
                                     *     ]
                                     */
                                    internal?: string[];
                                    /**
                                     * @default [
                                     *       "outbound",
                                     *       "outgoing",
                                     *       "out"
                                     *     ]
                                     */
                                    outbound?: string[];
                                };
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                durationSeconds?: string;
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                endedAt?: string;
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                language?: string;
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                legRole?: string;
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                mediaUrl?: string;
                                parties?: {
                                    /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                    channel?: string;
                                    /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                    name?: string;
                                    /**
                                     * @description a dotted path into the record, e.g. `recording.callingParty`
                                     * @default number
                                     */
                                    number?: string;
                                    /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                    path: string;
                                    /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                    role?: string;
                                };
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                queue?: string;
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                recordingGroupId?: string;
                                /**
                                 * @default {
                                 *       "agent": [
                                 *         "agent",
                                 *         "internal",
                                 *         "user"
                                 *       ],
                                 *       "customer": [
                                 *         "customer",
                                 *         "external",
                                 *         "caller",
                                 *         "contact"
                                 *       ]
                                 *     }
                                 */
                                roleValues?: {
                                    /**
                                     * @default [
                                     *       "agent",
                                     *       "internal",
                                     *       "user"
                                     *     ]
                                     */
                                    agent?: string[];
                                    /**
                                     * @default [
                                     *       "customer",
                                     *       "external",
                                     *       "caller",
                                     *       "contact"
                                     *     ]
                                     */
                                    customer?: string[];
                                };
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                sourceCallId?: string;
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                sourceRecordingId: string;
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                startedAt: string;
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                tags?: string;
                            };
                            name: string;
                            search: {
                                /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                itemPath?: string;
                                /** @default  */
                                itemsPath?: string;
                                /** @default 10000 */
                                maxItems?: number;
                                /**
                                 * @default {
                                 *       "kind": "none"
                                 *     }
                                 */
                                paging?: {
                                    /** @enum {string} */
                                    kind: "none";
                                } | {
                                    /** @default 1 */
                                    firstPage?: number;
                                    /** @enum {string} */
                                    kind: "page";
                                    /** @default 100 */
                                    pageSize?: number;
                                    /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                    totalPath?: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "offset";
                                    /** @default 100 */
                                    pageSize?: number;
                                    /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                    totalPath?: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "next-link";
                                    /** @description a dotted path into the record, e.g. `recording.callingParty` */
                                    nextPath: string;
                                };
                                path: string;
                                /**
                                 * @default iso-seconds
                                 * @enum {string}
                                 */
                                timeFormat?: "iso" | "iso-seconds" | "epoch-ms" | "epoch-s";
                            };
                        };
                        /** @description Run by the timer; default true */
                        enabled?: boolean;
                        /** @enum {string} */
                        kind: "rest";
                        /** @description How people call this source: "Twilio main account" */
                        name: string;
                        schedule?: {
                            /** @description The first run starts this long ago; default 60 */
                            firstRunMinutes?: number;
                            /** @description How often the timer runs it; default 15 */
                            intervalMinutes?: number;
                            /** @description Each run re-scans this much before the cursor; default 15 */
                            lookBackMinutes?: number;
                            /** @description A recording still processing holds the cursor back at most this long; default 1440 */
                            maxHoldBackMinutes?: number;
                            /** @description A run covers at most this much; default 1440 */
                            maxWindowMinutes?: number;
                            /** @description The window ends this long before now; default 60 */
                            settleSeconds?: number;
                        };
                    } | {
                        config: {
                            accountSid: string;
                            /** Format: uri */
                            apiBaseUrl?: string;
                            apiKey?: {
                                /** @default twilio.api_key_secret */
                                secretSecret?: string;
                                sid: string;
                            };
                            /** @default twilio.auth_token */
                            authTokenSecret?: string;
                            /** @default true */
                            callDetails?: boolean;
                            /**
                             * @default wav
                             * @enum {string}
                             */
                            format?: "wav" | "mp3";
                            /** @default 100 */
                            pageSize?: number;
                        };
                        /** @description Run by the timer; default true */
                        enabled?: boolean;
                        /** @enum {string} */
                        kind: "twilio";
                        /** @description How people call this source: "Twilio main account" */
                        name: string;
                        schedule?: {
                            /** @description The first run starts this long ago; default 60 */
                            firstRunMinutes?: number;
                            /** @description How often the timer runs it; default 15 */
                            intervalMinutes?: number;
                            /** @description Each run re-scans this much before the cursor; default 15 */
                            lookBackMinutes?: number;
                            /** @description A recording still processing holds the cursor back at most this long; default 1440 */
                            maxHoldBackMinutes?: number;
                            /** @description A run covers at most this much; default 1440 */
                            maxWindowMinutes?: number;
                            /** @description The window ends this long before now; default 60 */
                            settleSeconds?: number;
                        };
                    } | {
                        config: {
                            /** Format: uri */
                            baseUrl: string;
                            /** @default 3cx.client_id */
                            clientIdSecret?: string;
                            /** @default 3cx.client_secret */
                            clientSecretSecret?: string;
                            /** @default 100 */
                            pageSize?: number;
                        };
                        /** @description Run by the timer; default true */
                        enabled?: boolean;
                        /** @enum {string} */
                        kind: "3cx";
                        /** @description How people call this source: "Twilio main account" */
                        name: string;
                        schedule?: {
                            /** @description The first run starts this long ago; default 60 */
                            firstRunMinutes?: number;
                            /** @description How often the timer runs it; default 15 */
                            intervalMinutes?: number;
                            /** @description Each run re-scans this much before the cursor; default 15 */
                            lookBackMinutes?: number;
                            /** @description A recording still processing holds the cursor back at most this long; default 1440 */
                            maxHoldBackMinutes?: number;
                            /** @description A run covers at most this much; default 1440 */
                            maxWindowMinutes?: number;
                            /** @description The window ends this long before now; default 60 */
                            settleSeconds?: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingSource"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/sources/{sourceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A recording source */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sourceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingSource"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Removes a recording source with its cursor and runs; its recordings stay (audited) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sourceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Changes a recording source: name, enabled, schedule, or its whole config (audited) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sourceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The whole configuration of the source's kind (replaces the stored one; the kind stays) */
                        config?: {
                            [key: string]: unknown;
                        };
                        enabled?: boolean;
                        /** @description How people call this source: "Twilio main account" */
                        name?: string;
                        schedule?: {
                            /** @description The first run starts this long ago; default 60 */
                            firstRunMinutes?: number;
                            /** @description How often the timer runs it; default 15 */
                            intervalMinutes?: number;
                            /** @description Each run re-scans this much before the cursor; default 15 */
                            lookBackMinutes?: number;
                            /** @description A recording still processing holds the cursor back at most this long; default 1440 */
                            maxHoldBackMinutes?: number;
                            /** @description A run covers at most this much; default 1440 */
                            maxWindowMinutes?: number;
                            /** @description The window ends this long before now; default 60 */
                            settleSeconds?: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingSource"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/conversations/sources/{sourceId}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Runs the source now over the window its cursor gives (audited)
         * @description Answers 202 with the run as it starts (its outcome: GET .../runs), or with ?wait=true 200 once it finished. 409 while another run of the source is under way (the timer, another process, another run-now).
         */
        post: {
            parameters: {
                query?: {
                    /** @description true: answer when the run has finished (200) instead of at once (202) */
                    wait?: "true" | "false";
                };
                header?: never;
                path: {
                    sourceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingSourceRun"];
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingSourceRun"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/sources/{sourceId}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent runs of the source, newest first: fetched, imported, duplicates, failures with reasons */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    sourceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["RecordingSourceRun"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/identity-providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List OIDC identity providers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["IdentityProvider"][];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Trust an OIDC issuer (Entra ID, Auth0, Clerk, Keycloak...) for one API surface */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The aud claim tokens must carry (the API app id) */
                        audience: string;
                        /**
                         * @description For the console sign-in (authorisation code + PKCE)
                         * @default null
                         */
                        clientId?: string | null;
                        /** @default null */
                        defaultRole?: ("owner" | "admin" | "supervisor" | "agent" | "order_manager" | "customer_service" | "analyst" | "viewer" | "client") | null;
                        /** @default true */
                        enabled?: boolean;
                        /**
                         * Format: uri
                         * @description Issuer URL; its /.well-known/openid-configuration names the JWKS
                         */
                        issuer: string;
                        name: string;
                        /**
                         * @description Claim value -> Switchboard role
                         * @default {}
                         */
                        roleMapping?: {
                            [key: string]: "owner" | "admin" | "supervisor" | "agent" | "order_manager" | "customer_service" | "analyst" | "viewer" | "client";
                        };
                        /**
                         * @description Claim holding roles or groups, e.g. roles, groups, realm_access.roles
                         * @default null
                         */
                        rolesClaim?: string | null;
                        /** @enum {string} */
                        surface: "internal" | "external";
                        /**
                         * @description Claim that must equal tenantClaimValue, e.g. tid
                         * @default null
                         */
                        tenantClaim?: string | null;
                        /** @default null */
                        tenantClaimValue?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IdentityProvider"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/identity-providers/{providerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Stop trusting an identity provider */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    providerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderId}/shipments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An order’s shipments with their tracking */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orderId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Shipment"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Buy a label (a rate, or the cheapest) and start tracking; a CONFIRMED order moves to PROCESSING */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orderId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lines?: {
                            lineId: string;
                            quantity: number;
                        }[];
                        rateId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Shipment"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderId}/shipping-rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rates for an order’s parcel from the tenant’s carrier */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orderId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["ShippingRate"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Orders and revenue per day in a time zone, average order value, refunds, statuses, top products, fulfilment times */
        get: {
            parameters: {
                query: {
                    currency: string;
                    from: string;
                    timeZone?: string;
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrdersAnalytics"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/views": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your saved views of the order list */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["OrdersSavedView"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Save a view (a name and the list’s filters) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        filters: {
                            customerId?: string;
                            email?: string;
                            number?: string;
                            placedFrom?: string;
                            placedTo?: string;
                            sku?: string;
                            status?: string;
                            totalMax?: string | number;
                            totalMin?: string | number;
                        };
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrdersSavedView"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/views/{viewId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove one of your saved views */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    viewId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payments, newest first; an order's payments with ?orderId= */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    orderId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Payment"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A payment with its transactions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Payment"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}/captures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Captures all (default) or part of what is authorised */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Optional: the same key again replays the first result (never charges twice) */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amountMinor?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Payment"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refunds part or all of what was captured (never more) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Optional: the same key again replays the first result (never charges twice) */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amountMinor: number;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Payment"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}/voids": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Voids an authorisation nothing was captured of */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Optional: the same key again replays the first result (never charges twice) */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Payment"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/gateways": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's gateways: configured, default, test or live */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentGateways"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/gateways/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Configures a gateway: default, credentials (kept in the secrets store, never returned), base URL */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: "simulator" | "stripe" | "paypal";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        baseUrl?: string | null;
                        clientId?: string;
                        clientSecret?: string;
                        default?: boolean;
                        secretKey?: string;
                        webhookId?: string;
                        webhookSecret?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentGateways"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/reconciliations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reconciliation reports, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["PaymentReconciliation"][];
                            nextCursor: null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Compares a gateway's captures and refunds of a UTC day with ours */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date */
                        date: string;
                        /** @enum {string} */
                        gateway: "simulator" | "stripe" | "paypal";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentReconciliation"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recordings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recordings, filtered, sorted (newest received first by default), keyset-paginated; with a total on request */
        get: {
            parameters: {
                query?: {
                    /** @description Agent id (or name without an id), case-insensitive */
                    agent?: string;
                    /** @description call_... */
                    callId?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description Started (or, without a start, received) at or after */
                    from?: string;
                    limit?: number;
                    /** @description A party number: E.164 (spaces, dashes, brackets ignored) or an address exactly */
                    number?: string;
                    /** @description Full text over the redacted transcript (web search syntax: words, "a phrase", -word, or). Needs transcripts:read. */
                    q?: string;
                    queue?: string;
                    /** @description createdAt (received), startedAt (call start; received for a recording without one) or duration; a leading minus sorts descending (newest, longest first); ties go by received time the same way */
                    sort?: "createdAt" | "-createdAt" | "startedAt" | "-startedAt" | "duration" | "-duration";
                    /** @description One or more of: uploading, queued, processing, ready, failed (comma-separated) */
                    state?: string;
                    /** @description Started (or received) before */
                    to?: string;
                    /** @description true: count the matching recordings (exact up to 10,000, else the planner’s estimate with exact: false) */
                    total?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["RecordingSummary"][];
                            /** @description Pass as cursor for the next page; null on the last page */
                            nextCursor: string | null;
                            /** @description How many recordings match, when asked with total=true; else null */
                            total: {
                                count: number;
                                /** @description false: the planner’s estimate, because counting would be slow */
                                exact: boolean;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Upload a recording (audio and/or a supplied transcript) with its metadata, streamed
         * @description multipart/form-data with these parts, metadata first:
         *     - `metadata`: JSON (RecordingMetadata), at most 4194304 bytes;
         *     - `audio`: the recording (WAV, MP3, Ogg, FLAC, AMR, AU, AIFF, MP4/M4A, WebM, AAC, GSM), streamed to storage, at most 4 GiB; and/or
         *     - `transcript`: a supplied transcript instead of (or beside) audio to transcribe: WebVTT, SRT, or provider JSON (OpenAI, Deepgram, AWS Transcribe, Contact Lens, AssemblyAI), at most 50 MiB.
         *     Idempotent on (source, sourceRecordingId): a re-delivery of a received recording answers 200 with it and changes nothing.
         *     Refusals: 415 (content type, or an audio part that is not audio), 422 (0 bytes, a truncated WAV, an unreadable transcript, an unknown metadata.callId), 400 (metadata, naming each field), 413 (over a limit).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Received before: nothing changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingSummary"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingSummary"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recordings/{id}/analyses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every analysis of the recording, newest first (the current one marked) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["ConversationAnalysisSummary"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Analyses the recording's current transcript again with the active configurations, in the background (audited); the new analysis becomes current */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReanalysisAccepted"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recordings/{id}/analysis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The recording's current analysis: summary, sentiment, categories, intents, QA, insights */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConversationAnalysis"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recordings/{id}/analysis/disputes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disputes one rule (ruleId) or the whole QA evaluation of the current analysis (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["QaDisputeRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QaDispute"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recordings/{id}/analysis/disputes/{disputeId}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accepts or rejects an open dispute with a comment (audited); accepting a rule’s dispute may override the rule at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    disputeId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["QaDisputeResolveRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QaDisputeResolved"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recordings/{id}/analysis/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current analysis' overrides and disputes, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QaReviewHistory"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recordings/{id}/analysis/rules/{ruleId}/override": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Overrides one rule's score and pass on the current analysis (audited): the overall score and grade are computed again, the final document rewritten */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    ruleId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["QaRuleOverrideRequestInput"];
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QaRuleOverridden"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recordings/{recordingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One recording: metadata, state, failure, pipeline runs, and its current transcript (with transcripts:read) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description rec_... */
                    recordingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingDetail"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recordings/{recordingId}/audio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A short-lived signed link to play the audio (audited); the redacted copy unless asked otherwise */
        get: {
            parameters: {
                query?: {
                    /** @description redacted (default; 409 until the pipeline made it) or original (needs recordings:read_original) */
                    variant?: "redacted" | "original";
                };
                header?: never;
                path: {
                    /** @description rec_... */
                    recordingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingAudioLink"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recordings/{recordingId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Two-step upload, step 3: checks size and SHA-256 (when given) and queues the recording */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description rec_... */
                    recordingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bytes?: number;
                        sha256?: string;
                    };
                };
            };
            responses: {
                /** @description Completed before: nothing changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingSummary"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingSummary"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recordings/{recordingId}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every pipeline run of the recording, newest first, with each step's provenance */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description rec_... */
                    recordingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["RecordingRun"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Processes the recording again (another provider or language, new settings); earlier runs are kept (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description rec_... */
                    recordingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RecordingRerunInput"];
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingRun"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recordings/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Two-step upload, step 1: the metadata; answers a signed URL to PUT the audio to
         * @description Then PUT the audio bytes to uploadUrl (no other credentials; any content type), then POST /api/v1/recordings/{recordingId}/complete. A re-delivery of a received recording answers 200 with uploadUrl null; one of a recording still uploading replaces the earlier URL.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The size the audio will have; checked on complete */
                        bytes?: number;
                        metadata: components["schemas"]["RecordingMetadataInput"];
                        /** @description The SHA-256 the audio will have; checked on complete */
                        sha256?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingUploadTicket"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordingUploadTicket"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recordings/uploads/{recordingId}/audio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Two-step upload, step 2: the audio bytes, to the signed URL (streamed) */
        put: {
            parameters: {
                query: {
                    expires: string;
                    sig: string;
                    tenant: string;
                };
                header?: never;
                path: {
                    /** @description rec_... */
                    recordingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bytes: number;
                            recordingId: string;
                            sha256: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/secrets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Names of the stored connector secrets (never their values) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                name: string;
                                /** Format: date-time */
                                updatedAt: string;
                                updatedBy: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/secrets/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Store a connector secret (write-only: it can be replaced or deleted, not read back) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description e.g. teams.client_secret, twilio.auth_token */
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        value: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Delete a connector secret */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description e.g. teams.client_secret, twilio.auth_token */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant of the caller */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tenant"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the tenant's settings
         * @description A merge patch: the fields given change, the others stay. An empty object changes nothing and returns the tenant. A field this route does not know is refused with 400 naming it, so a misspelt one is not silently ignored.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Owners and admins must use a second factor */
                        mfaRequiredForAdmins?: boolean;
                        name?: string;
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tenant"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["User"][];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a user (employee or client) with a password */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string;
                        /** Format: email */
                        email: string;
                        /**
                         * @default employee
                         * @enum {string}
                         */
                        kind?: "employee" | "client";
                        /** @description Omit for users who only sign in through an identity provider */
                        password?: string;
                        roles: ("owner" | "admin" | "supervisor" | "agent" | "order_manager" | "customer_service" | "analyst" | "viewer" | "client")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{userId}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace a user's roles */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        roles: ("owner" | "admin" | "supervisor" | "agent" | "order_manager" | "customer_service" | "analyst" | "viewer" | "client")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{userId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Disable a user (ending their sessions) or enable them again */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "active" | "disabled";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/views": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your saved views of one list, by name */
        get: {
            parameters: {
                query: {
                    /** @description The console list: calls, users, api-keys… */
                    list: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["SavedView"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Save a view of a list (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The console list: calls, users, api-keys… */
                        list: string;
                        name: string;
                        state: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SavedView"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/views/{viewId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Rename a saved view or replace its state (audited) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    viewId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        state?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SavedView"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Delete a saved view (audited) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    viewId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a delivery over (pending, attempts reset, due now) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDelivery"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The endpoints, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["WebhookEndpoint"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Add an endpoint (its signing secret is in this answer only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        enabled?: boolean;
                        eventTypes: string[];
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/endpoints/{endpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One endpoint */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpoint"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove an endpoint and its delivery log */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change an endpoint */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        enabled?: boolean;
                        eventTypes?: string[];
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpoint"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/webhooks/endpoints/{endpointId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The endpoint's delivery log, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["WebhookDelivery"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/endpoints/{endpointId}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the signing secret (the new one is in this answer only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/endpoints/{endpointId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a webhooks.ping.v1 now; the answer is the delivery after its first attempt */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDelivery"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event types endpoints may subscribe to */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                description: string;
                                type: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AgentScorecard: {
            agent: {
                /** @description Blind index of the agent as hex; null: calls without an agent */
                agentKey: string | null;
                /** @description The agent's name (or id) from the newest call's metadata */
                name: string | null;
                /** @description The value of GET /recordings?agent= that lists this agent's calls */
                recordingsFilter: string | null;
            };
            intervals: {
                calls: number;
                grades: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                    E: number;
                    ungraded: number;
                };
                /** @description First day of the interval on the tenant's calendar (YYYY-MM-DD) */
                localStart: string;
                /** @description Share of calls whose overall sentiment is -0.1 or lower */
                negativeShare: number | null;
                /** @description Mean QA score (0..100) of the scored calls */
                qaAverage: number | null;
                /** @description Calls with a QA score */
                scored: number;
                /** @description Mean of the calls’ overall sentiment (-1..1) */
                sentimentAverage: number | null;
                /** @description UTC instant of the local interval start */
                start: string;
            }[];
            range: {
                from: string;
                /** @enum {string} */
                interval: "week" | "day";
                timeZone: string;
                to: string;
            };
            rules: {
                category: string;
                evaluated: number;
                name: string;
                passed: number;
                passRate: number | null;
                ruleId: string;
            }[];
            /** @description How many of the newest analyses the pass rates were read from */
            rulesReadFrom: number;
            totals: {
                calls: number;
                grades: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                    E: number;
                    ungraded: number;
                };
                /** @description Share of calls whose overall sentiment is -0.1 or lower */
                negativeShare: number | null;
                /** @description Mean QA score (0..100) of the scored calls */
                qaAverage: number | null;
                /** @description Calls with a QA score */
                scored: number;
                /** @description Mean of the calls’ overall sentiment (-1..1) */
                sentimentAverage: number | null;
            };
            worstCalls: {
                analysisId: string;
                grade: string | null;
                qaScore: number | null;
                queue: string | null;
                recordingId: string;
                sentimentScore: number | null;
                startedAt: string;
            }[];
        };
        AgentScorecardInput: {
            agent: {
                /** @description Blind index of the agent as hex; null: calls without an agent */
                agentKey: string | null;
                /** @description The agent's name (or id) from the newest call's metadata */
                name: string | null;
                /** @description The value of GET /recordings?agent= that lists this agent's calls */
                recordingsFilter: string | null;
            };
            intervals: {
                calls: number;
                grades: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                    E: number;
                    ungraded: number;
                };
                /** @description First day of the interval on the tenant's calendar (YYYY-MM-DD) */
                localStart: string;
                /** @description Share of calls whose overall sentiment is -0.1 or lower */
                negativeShare: number | null;
                /** @description Mean QA score (0..100) of the scored calls */
                qaAverage: number | null;
                /** @description Calls with a QA score */
                scored: number;
                /** @description Mean of the calls’ overall sentiment (-1..1) */
                sentimentAverage: number | null;
                /** @description UTC instant of the local interval start */
                start: string;
            }[];
            range: {
                from: string;
                /** @enum {string} */
                interval: "week" | "day";
                timeZone: string;
                to: string;
            };
            rules: {
                category: string;
                evaluated: number;
                name: string;
                passed: number;
                passRate: number | null;
                ruleId: string;
            }[];
            /** @description How many of the newest analyses the pass rates were read from */
            rulesReadFrom: number;
            totals: {
                calls: number;
                grades: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                    E: number;
                    ungraded: number;
                };
                /** @description Share of calls whose overall sentiment is -0.1 or lower */
                negativeShare: number | null;
                /** @description Mean QA score (0..100) of the scored calls */
                qaAverage: number | null;
                /** @description Calls with a QA score */
                scored: number;
                /** @description Mean of the calls’ overall sentiment (-1..1) */
                sentimentAverage: number | null;
            };
            worstCalls: {
                analysisId: string;
                grade: string | null;
                qaScore: number | null;
                queue: string | null;
                recordingId: string;
                sentimentScore: number | null;
                startedAt: string;
            }[];
        };
        AnalysisConfigActivate: {
            version: number;
        };
        AnalysisConfigActivateInput: {
            version: number;
        };
        AnalysisConfigList: {
            items: components["schemas"]["AnalysisConfigSummary"][];
        };
        AnalysisConfigListInput: {
            items: components["schemas"]["AnalysisConfigSummaryInput"][];
        };
        AnalysisConfigSummary: {
            activatedAt: string | null;
            activatedBy: string | null;
            /** @description Null until a version was activated */
            activeVersion: number | null;
            createdAt: string;
            createdBy: string;
            /** @description insight_schema_..., scorecard_... or category_set_... */
            id: string;
            /** @enum {string} */
            kind: "insight_schema" | "scorecard" | "category_set";
            latestVersion: number;
            name: string;
            updatedAt: string;
        };
        AnalysisConfigSummaryInput: {
            activatedAt: string | null;
            activatedBy: string | null;
            /** @description Null until a version was activated */
            activeVersion: number | null;
            createdAt: string;
            createdBy: string;
            /** @description insight_schema_..., scorecard_... or category_set_... */
            id: string;
            /** @enum {string} */
            kind: "insight_schema" | "scorecard" | "category_set";
            latestVersion: number;
            name: string;
            updatedAt: string;
        };
        AnalysisConfigVersions: {
            items: {
                createdAt: string;
                createdBy: string;
                isActive: boolean;
                name: string;
                version: number;
            }[];
        };
        AnalysisConfigVersionsInput: {
            items: {
                createdAt: string;
                createdBy: string;
                isActive: boolean;
                name: string;
                version: number;
            }[];
        };
        AnalysisTimeWindow: {
            /** @enum {string} */
            from: "start" | "end";
            seconds: number;
        };
        AnalysisTimeWindowInput: {
            /** @enum {string} */
            from: "start" | "end";
            seconds: number;
        };
        ApiKey: {
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            expiresAt: string | null;
            /** @description key_... */
            id: string;
            lastUsedAt: string | null;
            name: string;
            revokedAt: string | null;
            scopes: string[];
        };
        ApiKeyInput: {
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            expiresAt: string | null;
            /** @description key_... */
            id: string;
            lastUsedAt: string | null;
            name: string;
            revokedAt: string | null;
            scopes: string[];
        };
        AuditEntry: {
            action: string;
            actor: {
                id: string;
                type: string;
            };
            clientIp: string | null;
            details: {
                [key: string]: unknown;
            };
            id: string;
            /** Format: date-time */
            occurredAt: string;
            requestId: string | null;
            seq: number;
            target: {
                id: string;
                type: string;
            } | null;
        };
        AuditEntryInput: {
            action: string;
            actor: {
                id: string;
                type: string;
            };
            clientIp: string | null;
            details: {
                [key: string]: unknown;
            };
            id: string;
            /** Format: date-time */
            occurredAt: string;
            requestId: string | null;
            seq: number;
            target: {
                id: string;
                type: string;
            } | null;
        };
        CallConnectors: {
            connectors: {
                name: string;
                /** @description every required secret is set */
                ready: boolean;
                secrets: {
                    description: string;
                    name: string;
                    required: boolean;
                    set: boolean;
                }[];
                /** @enum {string} */
                source: "teams" | "twilio" | "connect";
                /** @description where the system delivers to; configure it there */
                webhookUrl: string;
            }[];
            /** @description POST files and batches here with ?format= and an API key of scope calls:ingest */
            ingestUrl: string;
        };
        CallConnectorsInput: {
            connectors: {
                name: string;
                /** @description every required secret is set */
                ready: boolean;
                secrets: {
                    description: string;
                    name: string;
                    required: boolean;
                    set: boolean;
                }[];
                /** @enum {string} */
                source: "teams" | "twilio" | "connect";
                /** @description where the system delivers to; configure it there */
                webhookUrl: string;
            }[];
            /** @description POST files and batches here with ?format= and an API key of scope calls:ingest */
            ingestUrl: string;
        };
        CallDetail: {
            raw: {
                objectKey: string;
                sha256: string;
                /** @description Signed, short-lived link to the raw payload; only for callers with calls:raw (the view is audited) */
                url: string | null;
            };
            record: components["schemas"]["CallRecordV1"];
        };
        CallDetailInput: {
            raw: {
                objectKey: string;
                sha256: string;
                /** @description Signed, short-lived link to the raw payload; only for callers with calls:raw (the view is audited) */
                url: string | null;
            };
            record: components["schemas"]["CallRecordV1Input"];
        };
        CallExportDownload: {
            expiresAt: string;
            url: string;
        };
        CallExportDownloadInput: {
            expiresAt: string;
            url: string;
        };
        CallExportJob: {
            attempts: number;
            /** @description Bytes of the file written so far */
            bytes: number;
            contentType: string;
            createdAt: string;
            /** @description Why it failed, in words a user can act on */
            error: string | null;
            /** @description When the file is deleted */
            expiresAt: string | null;
            fileName: string;
            /** @description The filters as given, in the names of GET /calls (from, to, source, direction, disposition, number, agent, queue, minDuration, q) */
            filters: {
                [key: string]: unknown;
            };
            finishedAt: string | null;
            /** @enum {string} */
            format: "csv" | "jsonl" | "vcon";
            /** @description exp_... */
            id: string;
            requestedBy: string;
            /** @description Calls written so far (all of them once succeeded) */
            rows: number;
            startedAt: string | null;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled" | "expired";
        };
        CallExportJobInput: {
            attempts: number;
            /** @description Bytes of the file written so far */
            bytes: number;
            contentType: string;
            createdAt: string;
            /** @description Why it failed, in words a user can act on */
            error: string | null;
            /** @description When the file is deleted */
            expiresAt: string | null;
            fileName: string;
            /** @description The filters as given, in the names of GET /calls (from, to, source, direction, disposition, number, agent, queue, minDuration, q) */
            filters: {
                [key: string]: unknown;
            };
            finishedAt: string | null;
            /** @enum {string} */
            format: "csv" | "jsonl" | "vcon";
            /** @description exp_... */
            id: string;
            requestedBy: string;
            /** @description Calls written so far (all of them once succeeded) */
            rows: number;
            startedAt: string | null;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled" | "expired";
        };
        CallLeg: {
            answeredAt: string | null;
            /** @description Source-specific extras kept verbatim enough to answer questions the unified fields cannot. */
            attributes: {
                [key: string]: components["schemas"]["JsonValue"];
            };
            causeCodes: components["schemas"]["CauseCodes"];
            disposition: ("answered" | "no_answer" | "busy" | "failed" | "cancelled" | "voicemail") | null;
            endedAt: string | null;
            from: components["schemas"]["CallParty"];
            legId: string;
            quality: components["schemas"]["CallQuality"] | null;
            ringSeconds: number | null;
            startedAt: string | null;
            talkSeconds: number | null;
            to: components["schemas"]["CallParty"];
        };
        CallLegInput: {
            answeredAt: string | null;
            /** @description Source-specific extras kept verbatim enough to answer questions the unified fields cannot. */
            attributes: {
                [key: string]: components["schemas"]["JsonValueInput"];
            };
            causeCodes: components["schemas"]["CauseCodesInput"];
            disposition: ("answered" | "no_answer" | "busy" | "failed" | "cancelled" | "voicemail") | null;
            endedAt: string | null;
            from: components["schemas"]["CallPartyInput"];
            legId: string;
            quality: components["schemas"]["CallQualityInput"] | null;
            ringSeconds: number | null;
            startedAt: string | null;
            talkSeconds: number | null;
            to: components["schemas"]["CallPartyInput"];
        };
        CallParty: {
            displayName: string | null;
            /** @description E.164 form when the raw value is a valid public number, else null (extensions, masked numbers). */
            e164: string | null;
            /** @description The address exactly as the source gave it (number, extension, SIP URI, user principal name). */
            raw: string | null;
        };
        CallPartyInput: {
            displayName: string | null;
            /** @description E.164 form when the raw value is a valid public number, else null (extensions, masked numbers). */
            e164: string | null;
            /** @description The address exactly as the source gave it (number, extension, SIP URI, user principal name). */
            raw: string | null;
        };
        CallQuality: {
            jitterMs: number | null;
            mos: number | null;
            packetLossPct: number | null;
            rttMs: number | null;
        };
        CallQualityInput: {
            jitterMs: number | null;
            mos: number | null;
            packetLossPct: number | null;
            rttMs: number | null;
        };
        CallRecording: {
            durationSeconds: number | null;
            mediaType: string | null;
            sourceRecordingId: string | null;
            startedAt: string | null;
            /** @description Where the media is: https URL, s3://bucket/key, or a source-scoped reference. */
            uri: string;
        };
        CallRecordingInput: {
            durationSeconds: number | null;
            mediaType: string | null;
            sourceRecordingId: string | null;
            startedAt: string | null;
            /** @description Where the media is: https URL, s3://bucket/key, or a source-scoped reference. */
            uri: string;
        };
        /**
         * CallRecord v1
         * @description A call record as stored and published by Switchboard (calls.record.ingested.v1).
         */
        CallRecordV1: {
            /**
             * @description The agent's wrap-up after the call (Connect AfterContactWorkDuration), where the source reports it; else null.
             * @default null
             */
            afterCallWorkSeconds: number | null;
            agent: {
                id: string | null;
                name: string | null;
            } | null;
            answeredAt: string | null;
            /** @description Source-specific extras kept verbatim enough to answer questions the unified fields cannot. */
            attributes: {
                [key: string]: components["schemas"]["JsonValue"];
            };
            causeCodes: components["schemas"]["CauseCodes"];
            /** @description Groups records that belong to one conversation (transfers, A/B legs written separately). */
            conversationId: string;
            /**
             * @description Seen from the tenant: inbound = an outside party called in; internal = both ends are the tenant.
             * @enum {string}
             */
            direction: "inbound" | "outbound" | "internal" | "unknown";
            /** @description null while the outcome is not known yet. */
            disposition: ("answered" | "no_answer" | "busy" | "failed" | "cancelled" | "voicemail") | null;
            /** @description null while the call is still in progress. */
            endedAt: string | null;
            from: components["schemas"]["CallParty"];
            /**
             * @description Time the caller spent on hold after the answer, where the source reports it; else null.
             * @default null
             */
            holdSeconds: number | null;
            /** @description Public id, `call_` + TypeID suffix. */
            id: string;
            /**
             * Format: date-time
             * @description UTC instant, ISO-8601 with a Z suffix.
             */
            ingestedAt: string;
            legs: components["schemas"]["CallLeg"][];
            /** @description Worst values across legs/streams, where the source has them. */
            quality: components["schemas"]["CallQuality"] | null;
            queue: {
                id: string | null;
                name: string | null;
            } | null;
            /** @description Object-store key of the archived raw payload. */
            rawObjectKey: string;
            /** @description Lower-case hex SHA-256 of the raw payload bytes. */
            rawSha256: string;
            recordings: components["schemas"]["CallRecording"][];
            /** @description Start until answer; for unanswered calls start until the end. */
            ringSeconds: number | null;
            /**
             * @description System the record came from.
             * @enum {string}
             */
            source: "teams" | "twilio" | "asterisk" | "freeswitch" | "3cx" | "cucm" | "connect" | "genesys" | "sbc" | "vcon" | "generic";
            /** @description Id of the call in the source; unique per tenant and source. */
            sourceCallId: string;
            /**
             * @description The direction exactly as the source spelled it (FreeSWITCH channel direction, Twilio Direction, Connect InitiationMethod, ...); null when the source states none. `direction` is its reading from the tenant; docs/connectors-formats.md says per source how one maps to the other.
             * @default null
             */
            sourceDirection: string | null;
            /** @description Orders deliveries of the same source call: the larger value is newer. Numbers compare numerically, strings (ISO timestamps) lexicographically; one source always uses one kind. */
            sourceVersion: number | string;
            /**
             * Format: date-time
             * @description UTC instant, ISO-8601 with a Z suffix.
             */
            startedAt: string;
            /** @description Time the parties talked: the source's own talk time where it reports one (Connect AgentInteractionDuration, which leaves out hold), else answer until the end; 0 when never answered. */
            talkSeconds: number | null;
            tenantId: string;
            to: components["schemas"]["CallParty"];
            totalSeconds: number | null;
        };
        /**
         * CallRecord v1
         * @description A call record as stored and published by Switchboard (calls.record.ingested.v1).
         */
        CallRecordV1Input: {
            /**
             * @description The agent's wrap-up after the call (Connect AfterContactWorkDuration), where the source reports it; else null.
             * @default null
             */
            afterCallWorkSeconds: number | null;
            agent: {
                id: string | null;
                name: string | null;
            } | null;
            answeredAt: string | null;
            /** @description Source-specific extras kept verbatim enough to answer questions the unified fields cannot. */
            attributes: {
                [key: string]: components["schemas"]["JsonValueInput"];
            };
            causeCodes: components["schemas"]["CauseCodesInput"];
            /** @description Groups records that belong to one conversation (transfers, A/B legs written separately). */
            conversationId: string;
            /**
             * @description Seen from the tenant: inbound = an outside party called in; internal = both ends are the tenant.
             * @enum {string}
             */
            direction: "inbound" | "outbound" | "internal" | "unknown";
            /** @description null while the outcome is not known yet. */
            disposition: ("answered" | "no_answer" | "busy" | "failed" | "cancelled" | "voicemail") | null;
            /** @description null while the call is still in progress. */
            endedAt: string | null;
            from: components["schemas"]["CallPartyInput"];
            /**
             * @description Time the caller spent on hold after the answer, where the source reports it; else null.
             * @default null
             */
            holdSeconds: number | null;
            /** @description Public id, `call_` + TypeID suffix. */
            id: string;
            /**
             * Format: date-time
             * @description UTC instant, ISO-8601 with a Z suffix.
             */
            ingestedAt: string;
            legs: components["schemas"]["CallLegInput"][];
            /** @description Worst values across legs/streams, where the source has them. */
            quality: components["schemas"]["CallQualityInput"] | null;
            queue: {
                id: string | null;
                name: string | null;
            } | null;
            /** @description Object-store key of the archived raw payload. */
            rawObjectKey: string;
            /** @description Lower-case hex SHA-256 of the raw payload bytes. */
            rawSha256: string;
            recordings: components["schemas"]["CallRecordingInput"][];
            /** @description Start until answer; for unanswered calls start until the end. */
            ringSeconds: number | null;
            /**
             * @description System the record came from.
             * @enum {string}
             */
            source: "teams" | "twilio" | "asterisk" | "freeswitch" | "3cx" | "cucm" | "connect" | "genesys" | "sbc" | "vcon" | "generic";
            /** @description Id of the call in the source; unique per tenant and source. */
            sourceCallId: string;
            /**
             * @description The direction exactly as the source spelled it (FreeSWITCH channel direction, Twilio Direction, Connect InitiationMethod, ...); null when the source states none. `direction` is its reading from the tenant; docs/connectors-formats.md says per source how one maps to the other.
             * @default null
             */
            sourceDirection: string | null;
            /** @description Orders deliveries of the same source call: the larger value is newer. Numbers compare numerically, strings (ISO timestamps) lexicographically; one source always uses one kind. */
            sourceVersion: number | string;
            /**
             * Format: date-time
             * @description UTC instant, ISO-8601 with a Z suffix.
             */
            startedAt: string;
            /** @description Time the parties talked: the source's own talk time where it reports one (Connect AgentInteractionDuration, which leaves out hold), else answer until the end; 0 when never answered. */
            talkSeconds: number | null;
            tenantId: string;
            to: components["schemas"]["CallPartyInput"];
            totalSeconds: number | null;
        };
        CallStats: {
            buckets: {
                /** @description Inbound calls the caller gave up before an answer */
                abandoned: number;
                /** @description abandoned / inbound */
                abandonRate: number | null;
                /** @description (abandoned - shortAbandoned) / (inbound - shortAbandoned) */
                abandonRateExcludingShort: number | null;
                answered: number;
                /** @description Inbound calls answered within their queue’s service-level seconds */
                answeredWithinTarget: number;
                /** @description answered / calls */
                answerSeizureRatio: number | null;
                /** @description Talk plus after-call work where the source reports it, over answered calls */
                averageHandleSeconds: number | null;
                /** @description Over answered calls whose source reports hold */
                averageHoldSeconds: number | null;
                /** @description Ring seconds of answered inbound calls, averaged */
                averageSpeedOfAnswerSeconds: number | null;
                /** @description Over answered calls */
                averageTalkSeconds: number | null;
                calls: number;
                group: {
                    name: string | null;
                    value: string | null;
                } | null;
                inbound: number;
                /** @description Calls whose record has no end yet (sources that report calls in progress) */
                inProgress: number;
                /** @description Start as wall-clock time in the tenant's time zone */
                localStart: string;
                /** @description answeredWithinTarget / (inbound - shortAbandoned) */
                serviceLevel: number | null;
                /** @description Abandoned within the queue’s short-abandon threshold */
                shortAbandoned: number;
                /** @description Start of the interval, UTC */
                start: string;
            }[];
            defaultTarget: {
                serviceLevelGoal: number;
                serviceLevelSeconds: number;
                shortAbandonSeconds: number;
            };
            groupBy: ("source" | "queue" | "agent" | "direction") | null;
            /** @enum {string} */
            interval: "15m" | "hour" | "day" | "range";
            /** @description With compare=previous */
            previous: {
                from: string;
                to: string;
                totals: {
                    /** @description Inbound calls the caller gave up before an answer */
                    abandoned: number;
                    /** @description abandoned / inbound */
                    abandonRate: number | null;
                    /** @description (abandoned - shortAbandoned) / (inbound - shortAbandoned) */
                    abandonRateExcludingShort: number | null;
                    answered: number;
                    /** @description Inbound calls answered within their queue’s service-level seconds */
                    answeredWithinTarget: number;
                    /** @description answered / calls */
                    answerSeizureRatio: number | null;
                    /** @description Talk plus after-call work where the source reports it, over answered calls */
                    averageHandleSeconds: number | null;
                    /** @description Over answered calls whose source reports hold */
                    averageHoldSeconds: number | null;
                    /** @description Ring seconds of answered inbound calls, averaged */
                    averageSpeedOfAnswerSeconds: number | null;
                    /** @description Over answered calls */
                    averageTalkSeconds: number | null;
                    calls: number;
                    group: {
                        name: string | null;
                        value: string | null;
                    } | null;
                    inbound: number;
                    /** @description Calls whose record has no end yet (sources that report calls in progress) */
                    inProgress: number;
                    /** @description answeredWithinTarget / (inbound - shortAbandoned) */
                    serviceLevel: number | null;
                    /** @description Abandoned within the queue’s short-abandon threshold */
                    shortAbandoned: number;
                    /** @description Grouped by queue: the targets its calls were measured against */
                    target: {
                        serviceLevelGoal: number;
                        serviceLevelSeconds: number;
                        shortAbandonSeconds: number;
                    } | null;
                }[];
            } | null;
            /**
             * @description rollup: 15-minute rollups (and the raw calls of partial quarter hours at the ends); scan: the raw index
             * @enum {string}
             */
            servedFrom: "rollup" | "scan";
            timeZone: string;
            totals: {
                /** @description Inbound calls the caller gave up before an answer */
                abandoned: number;
                /** @description abandoned / inbound */
                abandonRate: number | null;
                /** @description (abandoned - shortAbandoned) / (inbound - shortAbandoned) */
                abandonRateExcludingShort: number | null;
                answered: number;
                /** @description Inbound calls answered within their queue’s service-level seconds */
                answeredWithinTarget: number;
                /** @description answered / calls */
                answerSeizureRatio: number | null;
                /** @description Talk plus after-call work where the source reports it, over answered calls */
                averageHandleSeconds: number | null;
                /** @description Over answered calls whose source reports hold */
                averageHoldSeconds: number | null;
                /** @description Ring seconds of answered inbound calls, averaged */
                averageSpeedOfAnswerSeconds: number | null;
                /** @description Over answered calls */
                averageTalkSeconds: number | null;
                calls: number;
                group: {
                    name: string | null;
                    value: string | null;
                } | null;
                inbound: number;
                /** @description Calls whose record has no end yet (sources that report calls in progress) */
                inProgress: number;
                /** @description answeredWithinTarget / (inbound - shortAbandoned) */
                serviceLevel: number | null;
                /** @description Abandoned within the queue’s short-abandon threshold */
                shortAbandoned: number;
                /** @description Grouped by queue: the targets its calls were measured against */
                target: {
                    serviceLevelGoal: number;
                    serviceLevelSeconds: number;
                    shortAbandonSeconds: number;
                } | null;
            }[];
        };
        CallStatsInput: {
            buckets: {
                /** @description Inbound calls the caller gave up before an answer */
                abandoned: number;
                /** @description abandoned / inbound */
                abandonRate: number | null;
                /** @description (abandoned - shortAbandoned) / (inbound - shortAbandoned) */
                abandonRateExcludingShort: number | null;
                answered: number;
                /** @description Inbound calls answered within their queue’s service-level seconds */
                answeredWithinTarget: number;
                /** @description answered / calls */
                answerSeizureRatio: number | null;
                /** @description Talk plus after-call work where the source reports it, over answered calls */
                averageHandleSeconds: number | null;
                /** @description Over answered calls whose source reports hold */
                averageHoldSeconds: number | null;
                /** @description Ring seconds of answered inbound calls, averaged */
                averageSpeedOfAnswerSeconds: number | null;
                /** @description Over answered calls */
                averageTalkSeconds: number | null;
                calls: number;
                group: {
                    name: string | null;
                    value: string | null;
                } | null;
                inbound: number;
                /** @description Calls whose record has no end yet (sources that report calls in progress) */
                inProgress: number;
                /** @description Start as wall-clock time in the tenant's time zone */
                localStart: string;
                /** @description answeredWithinTarget / (inbound - shortAbandoned) */
                serviceLevel: number | null;
                /** @description Abandoned within the queue’s short-abandon threshold */
                shortAbandoned: number;
                /** @description Start of the interval, UTC */
                start: string;
            }[];
            defaultTarget: {
                serviceLevelGoal: number;
                serviceLevelSeconds: number;
                shortAbandonSeconds: number;
            };
            groupBy: ("source" | "queue" | "agent" | "direction") | null;
            /** @enum {string} */
            interval: "15m" | "hour" | "day" | "range";
            /** @description With compare=previous */
            previous: {
                from: string;
                to: string;
                totals: {
                    /** @description Inbound calls the caller gave up before an answer */
                    abandoned: number;
                    /** @description abandoned / inbound */
                    abandonRate: number | null;
                    /** @description (abandoned - shortAbandoned) / (inbound - shortAbandoned) */
                    abandonRateExcludingShort: number | null;
                    answered: number;
                    /** @description Inbound calls answered within their queue’s service-level seconds */
                    answeredWithinTarget: number;
                    /** @description answered / calls */
                    answerSeizureRatio: number | null;
                    /** @description Talk plus after-call work where the source reports it, over answered calls */
                    averageHandleSeconds: number | null;
                    /** @description Over answered calls whose source reports hold */
                    averageHoldSeconds: number | null;
                    /** @description Ring seconds of answered inbound calls, averaged */
                    averageSpeedOfAnswerSeconds: number | null;
                    /** @description Over answered calls */
                    averageTalkSeconds: number | null;
                    calls: number;
                    group: {
                        name: string | null;
                        value: string | null;
                    } | null;
                    inbound: number;
                    /** @description Calls whose record has no end yet (sources that report calls in progress) */
                    inProgress: number;
                    /** @description answeredWithinTarget / (inbound - shortAbandoned) */
                    serviceLevel: number | null;
                    /** @description Abandoned within the queue’s short-abandon threshold */
                    shortAbandoned: number;
                    /** @description Grouped by queue: the targets its calls were measured against */
                    target: {
                        serviceLevelGoal: number;
                        serviceLevelSeconds: number;
                        shortAbandonSeconds: number;
                    } | null;
                }[];
            } | null;
            /**
             * @description rollup: 15-minute rollups (and the raw calls of partial quarter hours at the ends); scan: the raw index
             * @enum {string}
             */
            servedFrom: "rollup" | "scan";
            timeZone: string;
            totals: {
                /** @description Inbound calls the caller gave up before an answer */
                abandoned: number;
                /** @description abandoned / inbound */
                abandonRate: number | null;
                /** @description (abandoned - shortAbandoned) / (inbound - shortAbandoned) */
                abandonRateExcludingShort: number | null;
                answered: number;
                /** @description Inbound calls answered within their queue’s service-level seconds */
                answeredWithinTarget: number;
                /** @description answered / calls */
                answerSeizureRatio: number | null;
                /** @description Talk plus after-call work where the source reports it, over answered calls */
                averageHandleSeconds: number | null;
                /** @description Over answered calls whose source reports hold */
                averageHoldSeconds: number | null;
                /** @description Ring seconds of answered inbound calls, averaged */
                averageSpeedOfAnswerSeconds: number | null;
                /** @description Over answered calls */
                averageTalkSeconds: number | null;
                calls: number;
                group: {
                    name: string | null;
                    value: string | null;
                } | null;
                inbound: number;
                /** @description Calls whose record has no end yet (sources that report calls in progress) */
                inProgress: number;
                /** @description answeredWithinTarget / (inbound - shortAbandoned) */
                serviceLevel: number | null;
                /** @description Abandoned within the queue’s short-abandon threshold */
                shortAbandoned: number;
                /** @description Grouped by queue: the targets its calls were measured against */
                target: {
                    serviceLevelGoal: number;
                    serviceLevelSeconds: number;
                    shortAbandonSeconds: number;
                } | null;
            }[];
        };
        CallSummary: {
            agent: {
                id: string | null;
                name: string | null;
            } | null;
            answeredAt: string | null;
            conversationId: string;
            /**
             * @description Seen from the tenant: inbound = an outside party called in; internal = both ends are the tenant.
             * @enum {string}
             */
            direction: "inbound" | "outbound" | "internal" | "unknown";
            disposition: ("answered" | "no_answer" | "busy" | "failed" | "cancelled" | "voicemail") | null;
            endedAt: string | null;
            from: components["schemas"]["CallParty"];
            /** @description call_... */
            id: string;
            legCount: number;
            quality: components["schemas"]["CallQuality"] | null;
            queue: {
                id: string | null;
                name: string | null;
            } | null;
            recordingCount: number;
            ringSeconds: number | null;
            /**
             * @description System the record came from.
             * @enum {string}
             */
            source: "teams" | "twilio" | "asterisk" | "freeswitch" | "3cx" | "cucm" | "connect" | "genesys" | "sbc" | "vcon" | "generic";
            sourceCallId: string;
            startedAt: string;
            talkSeconds: number | null;
            to: components["schemas"]["CallParty"];
            totalSeconds: number | null;
        };
        CallSummaryInput: {
            agent: {
                id: string | null;
                name: string | null;
            } | null;
            answeredAt: string | null;
            conversationId: string;
            /**
             * @description Seen from the tenant: inbound = an outside party called in; internal = both ends are the tenant.
             * @enum {string}
             */
            direction: "inbound" | "outbound" | "internal" | "unknown";
            disposition: ("answered" | "no_answer" | "busy" | "failed" | "cancelled" | "voicemail") | null;
            endedAt: string | null;
            from: components["schemas"]["CallPartyInput"];
            /** @description call_... */
            id: string;
            legCount: number;
            quality: components["schemas"]["CallQualityInput"] | null;
            queue: {
                id: string | null;
                name: string | null;
            } | null;
            recordingCount: number;
            ringSeconds: number | null;
            /**
             * @description System the record came from.
             * @enum {string}
             */
            source: "teams" | "twilio" | "asterisk" | "freeswitch" | "3cx" | "cucm" | "connect" | "genesys" | "sbc" | "vcon" | "generic";
            sourceCallId: string;
            startedAt: string;
            talkSeconds: number | null;
            to: components["schemas"]["CallPartyInput"];
            totalSeconds: number | null;
        };
        Campaign: {
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            endsAt: string | null;
            hopper: {
                done: number;
                inCall: number;
                pending: number;
            };
            /** @description cmp_... */
            id: string;
            lists: {
                leadCount: number;
                listId: string;
                name: string;
                weight: number;
            }[];
            name: string;
            /** @description The abandonment control’s reduction of the configured pace, (0, 1] */
            pacingFactor: number;
            priority: number;
            settings: components["schemas"]["CampaignSettings"];
            startedAt: string | null;
            startsAt: string | null;
            /** @enum {string} */
            state: "draft" | "running" | "paused" | "completed" | "cancelled";
            stoppedAt: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        CampaignAttempt: {
            adapter: string;
            answeredAt: string | null;
            answeredBy: ("human" | "machine" | "unknown") | null;
            attemptNumber: number;
            converted: boolean;
            disposition: string | null;
            endedAt: string | null;
            endedReason: string | null;
            /** @description cat_... */
            id: string;
            leadId: string;
            optOut: boolean;
            outcome: ("answered" | "busy" | "no_answer" | "voicemail" | "failed" | "abandoned") | null;
            placedAt: string | null;
            providerCallId: string | null;
            recordingId: string | null;
            /** Format: date-time */
            reservedAt: string;
            /** @enum {string} */
            state: "reserved" | "placed" | "ringing" | "in_progress" | "ended" | "not_placed";
            talkSeconds: number | null;
        };
        CampaignAttemptInput: {
            adapter: string;
            answeredAt: string | null;
            answeredBy: ("human" | "machine" | "unknown") | null;
            attemptNumber: number;
            converted: boolean;
            disposition: string | null;
            endedAt: string | null;
            endedReason: string | null;
            /** @description cat_... */
            id: string;
            leadId: string;
            optOut: boolean;
            outcome: ("answered" | "busy" | "no_answer" | "voicemail" | "failed" | "abandoned") | null;
            placedAt: string | null;
            providerCallId: string | null;
            recordingId: string | null;
            /** Format: date-time */
            reservedAt: string;
            /** @enum {string} */
            state: "reserved" | "placed" | "ringing" | "in_progress" | "ended" | "not_placed";
            talkSeconds: number | null;
        };
        CampaignDryRun: {
            /** Format: date-time */
            at: string;
            campaignId: string;
            evaluated: number;
            examples: {
                detail: string;
                leadId: string;
                /** @enum {string} */
                reason: "invalid_number" | "dnc_internal" | "region_not_allowed" | "no_rule_set" | "registry_stale" | "dnc_national" | "consent_withdrawn" | "consent_expired" | "no_consent" | "no_time_zone" | "no_holiday_data" | "holiday" | "day_banned" | "outside_calling_window" | "max_calls_24h" | "answering_machine_repeat" | "max_attempts" | "max_attempts_today" | "retry_too_soon";
            }[];
            skipped: {
                [key: string]: number;
            };
            wouldDial: {
                attemptNumber: number;
                leadId: string;
                listId: string;
                /** @description null: the window held in every one of several candidate zones */
                timeZone: string | null;
            }[];
        };
        CampaignDryRunInput: {
            /** Format: date-time */
            at: string;
            campaignId: string;
            evaluated: number;
            examples: {
                detail: string;
                leadId: string;
                /** @enum {string} */
                reason: "invalid_number" | "dnc_internal" | "region_not_allowed" | "no_rule_set" | "registry_stale" | "dnc_national" | "consent_withdrawn" | "consent_expired" | "no_consent" | "no_time_zone" | "no_holiday_data" | "holiday" | "day_banned" | "outside_calling_window" | "max_calls_24h" | "answering_machine_repeat" | "max_attempts" | "max_attempts_today" | "retry_too_soon";
            }[];
            skipped: {
                [key: string]: number;
            };
            wouldDial: {
                attemptNumber: number;
                leadId: string;
                listId: string;
                /** @description null: the window held in every one of several candidate zones */
                timeZone: string | null;
            }[];
        };
        CampaignInput: {
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            endsAt: string | null;
            hopper: {
                done: number;
                inCall: number;
                pending: number;
            };
            /** @description cmp_... */
            id: string;
            lists: {
                leadCount: number;
                listId: string;
                name: string;
                weight: number;
            }[];
            name: string;
            /** @description The abandonment control’s reduction of the configured pace, (0, 1] */
            pacingFactor: number;
            priority: number;
            settings: components["schemas"]["CampaignSettingsInput"];
            startedAt: string | null;
            startsAt: string | null;
            /** @enum {string} */
            state: "draft" | "running" | "paused" | "completed" | "cancelled";
            stoppedAt: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        CampaignSettings: {
            /**
             * @default {
             *       "limitPercent": 3,
             *       "slowDownAtPercent": 2.5
             *     }
             */
            abandonment: {
                /** @default 3 */
                limitPercent: number;
                /** @default 2.5 */
                slowDownAtPercent: number;
            };
            /**
             * @default {
             *       "name": "simulator"
             *     }
             */
            adapter: {
                agentId?: string;
                from?: string;
                /**
                 * @default simulator
                 * @enum {string}
                 */
                name: "simulator" | "twilio" | "vapi" | "retell";
                script?: string;
            };
            allowedRegions: string[];
            /**
             * @default {
             *       "startMinute": 540,
             *       "endMinute": 1200
             *     }
             */
            callingWindow: {
                /** @description Weekdays, 0 = Sunday; all seven when absent */
                days?: number[];
                /** @description Local minutes after midnight the window closes, exclusive */
                endMinute: number;
                /** @description Local minutes after midnight the window opens (540 = 09:00) */
                startMinute: number;
            };
            /** @default [] */
            consentRequired: {
                /** @enum {string} */
                channel: "call" | "ai_voice" | "sms" | "email";
                purpose: string;
            }[];
            /**
             * @default [
             *       "firstName"
             *     ]
             */
            contextFields: string[];
            /** @default false */
            liveAgentGuaranteed: boolean;
            /** @default 1 */
            maxAttemptsPerDay: number;
            /** @default 2 */
            maxAttemptsPerLead: number;
            /**
             * @default {
             *       "callsPerMinute": 10,
             *       "maxConcurrent": 5
             *     }
             */
            pacing: {
                /** @default 10 */
                callsPerMinute: number;
                /** @default 5 */
                maxConcurrent: number;
            };
            /** @default marketing */
            purpose: string;
            /**
             * @default [
             *       "busy",
             *       "no_answer",
             *       "voicemail",
             *       "failed",
             *       "abandoned"
             *     ]
             */
            recycleOutcomes: ("answered" | "busy" | "no_answer" | "voicemail" | "failed" | "abandoned")[];
            /** @default {} */
            retrySpacingMinutes: {
                abandoned?: number;
                answered?: number;
                busy?: number;
                failed?: number;
                no_answer?: number;
                voicemail?: number;
            };
            /** @default true */
            usesArtificialVoice: boolean;
        };
        CampaignSettingsInput: {
            /**
             * @default {
             *       "limitPercent": 3,
             *       "slowDownAtPercent": 2.5
             *     }
             */
            abandonment: {
                /** @default 3 */
                limitPercent: number;
                /** @default 2.5 */
                slowDownAtPercent: number;
            };
            /**
             * @default {
             *       "name": "simulator"
             *     }
             */
            adapter: {
                agentId?: string;
                from?: string;
                /**
                 * @default simulator
                 * @enum {string}
                 */
                name: "simulator" | "twilio" | "vapi" | "retell";
                script?: string;
            };
            allowedRegions: string[];
            /**
             * @default {
             *       "startMinute": 540,
             *       "endMinute": 1200
             *     }
             */
            callingWindow: {
                /** @description Weekdays, 0 = Sunday; all seven when absent */
                days?: number[];
                /** @description Local minutes after midnight the window closes, exclusive */
                endMinute: number;
                /** @description Local minutes after midnight the window opens (540 = 09:00) */
                startMinute: number;
            };
            /** @default [] */
            consentRequired: {
                /** @enum {string} */
                channel: "call" | "ai_voice" | "sms" | "email";
                purpose: string;
            }[];
            /**
             * @default [
             *       "firstName"
             *     ]
             */
            contextFields: string[];
            /** @default false */
            liveAgentGuaranteed: boolean;
            /** @default 1 */
            maxAttemptsPerDay: number;
            /** @default 2 */
            maxAttemptsPerLead: number;
            /**
             * @default {
             *       "callsPerMinute": 10,
             *       "maxConcurrent": 5
             *     }
             */
            pacing: {
                /** @default 10 */
                callsPerMinute: number;
                /** @default 5 */
                maxConcurrent: number;
            };
            /** @default marketing */
            purpose: string;
            /**
             * @default [
             *       "busy",
             *       "no_answer",
             *       "voicemail",
             *       "failed",
             *       "abandoned"
             *     ]
             */
            recycleOutcomes: ("answered" | "busy" | "no_answer" | "voicemail" | "failed" | "abandoned")[];
            /** @default {} */
            retrySpacingMinutes: {
                abandoned?: number;
                answered?: number;
                busy?: number;
                failed?: number;
                no_answer?: number;
                voicemail?: number;
            };
            /** @default true */
            usesArtificialVoice: boolean;
        };
        CampaignStats: {
            abandoned: number;
            abandonment: {
                abandoned24h: number;
                abandoned30d: number;
                answered24h: number;
                answered30d: number;
                limitPercent: number;
                /** @description The same over 24 hours (Ofcom) */
                rate24h: number;
                /** @description Percent of calls answered by a person that were abandoned, 30 days (TSR) */
                rate30d: number;
            };
            answeredByMachine: number;
            /** Format: date-time */
            at: string;
            /** @description Leads with a callback booked, still to come */
            callbacks: number;
            campaignId: string;
            /** @description Calls answered, by a person or a machine */
            connected: number;
            conversions: number;
            /** @description Calls the provider took */
            dialled: number;
            hopper: {
                done: number;
                inCall: number;
                pending: number;
            };
            /** @description Attempts open now */
            inCall: number;
            optOuts: number;
            outcomes: {
                [key: string]: number;
            };
            pacing: {
                callsPerMinute: number;
                effectiveCallsPerMinute: number;
                factor: number;
                maxConcurrent: number;
            };
            skipsByReason: {
                [key: string]: number;
            };
            /** @enum {string} */
            state: "draft" | "running" | "paused" | "completed" | "cancelled";
            talkSeconds: number;
        };
        CampaignStatsInput: {
            abandoned: number;
            abandonment: {
                abandoned24h: number;
                abandoned30d: number;
                answered24h: number;
                answered30d: number;
                limitPercent: number;
                /** @description The same over 24 hours (Ofcom) */
                rate24h: number;
                /** @description Percent of calls answered by a person that were abandoned, 30 days (TSR) */
                rate30d: number;
            };
            answeredByMachine: number;
            /** Format: date-time */
            at: string;
            /** @description Leads with a callback booked, still to come */
            callbacks: number;
            campaignId: string;
            /** @description Calls answered, by a person or a machine */
            connected: number;
            conversions: number;
            /** @description Calls the provider took */
            dialled: number;
            hopper: {
                done: number;
                inCall: number;
                pending: number;
            };
            /** @description Attempts open now */
            inCall: number;
            optOuts: number;
            outcomes: {
                [key: string]: number;
            };
            pacing: {
                callsPerMinute: number;
                effectiveCallsPerMinute: number;
                factor: number;
                maxConcurrent: number;
            };
            skipsByReason: {
                [key: string]: number;
            };
            /** @enum {string} */
            state: "draft" | "running" | "paused" | "completed" | "cancelled";
            talkSeconds: number;
        };
        CatalogErpConnection: {
            /** @enum {string} */
            auth: "ws_security" | "basic";
            /** @enum {string} */
            circuit: "closed" | "open" | "half_open";
            enabled: boolean;
            endpoint: string | null;
            hasCredentials: boolean;
            intervalMinutes: number;
            lastInventorySync: components["schemas"]["CatalogErpSyncReport"] | null;
            lastProductsSync: components["schemas"]["CatalogErpSyncReport"] | null;
            locationMap: {
                [key: string]: string;
            };
        };
        CatalogErpConnectionInput: {
            /** @enum {string} */
            auth: "ws_security" | "basic";
            /** @enum {string} */
            circuit: "closed" | "open" | "half_open";
            enabled: boolean;
            endpoint: string | null;
            hasCredentials: boolean;
            intervalMinutes: number;
            lastInventorySync: components["schemas"]["CatalogErpSyncReportInput"] | null;
            lastProductsSync: components["schemas"]["CatalogErpSyncReportInput"] | null;
            locationMap: {
                [key: string]: string;
            };
        };
        CatalogErpSyncReport: {
            created: number;
            cursor: string | null;
            error: string | null;
            finishedAt: string | null;
            id: string;
            /** @enum {string} */
            kind: "inventory" | "products";
            rejected: number;
            rejections: {
                field: string;
                item: string;
                reason: string;
            }[];
            /** Format: date-time */
            startedAt: string;
            /** @enum {string} */
            state: "running" | "succeeded" | "failed";
            unchanged: number;
            updated: number;
        };
        CatalogErpSyncReportInput: {
            created: number;
            cursor: string | null;
            error: string | null;
            finishedAt: string | null;
            id: string;
            /** @enum {string} */
            kind: "inventory" | "products";
            rejected: number;
            rejections: {
                field: string;
                item: string;
                reason: string;
            }[];
            /** Format: date-time */
            startedAt: string;
            /** @enum {string} */
            state: "running" | "succeeded" | "failed";
            unchanged: number;
            updated: number;
        };
        CatalogInventoryLevel: {
            available: number;
            locationId: string;
            lowStockThreshold: number;
            name: string;
            onHand: number;
            productId: string;
            reserved: number;
            sku: string;
            /** Format: date-time */
            updatedAt: string;
        };
        CatalogInventoryLevelInput: {
            available: number;
            locationId: string;
            lowStockThreshold: number;
            name: string;
            onHand: number;
            productId: string;
            reserved: number;
            sku: string;
            /** Format: date-time */
            updatedAt: string;
        };
        CatalogLocation: {
            code: string;
            /** Format: date-time */
            createdAt: string;
            id: string;
            name: string;
        };
        CatalogLocationInput: {
            code: string;
            /** Format: date-time */
            createdAt: string;
            id: string;
            name: string;
        };
        CategoriesPreviewRequest: {
            /** @description An unsaved category set to try */
            categorySet?: components["schemas"]["CategorySet"];
            /** @description rec_...: a recording with a transcript */
            recordingId: string;
            version?: number;
        };
        CategoriesPreviewRequestInput: {
            /** @description An unsaved category set to try */
            categorySet?: components["schemas"]["CategorySetInput"];
            /** @description rec_...: a recording with a transcript */
            recordingId: string;
            version?: number;
        };
        Category: {
            conditions: components["schemas"]["CategoryCondition"][];
            /** @default  */
            description: string;
            id: string;
            name: string;
            /**
             * @default and
             * @enum {string}
             */
            operator: "and" | "or";
        };
        CategoryCondition: {
            /**
             * @default any
             * @enum {string}
             */
            match: "any" | "all";
            /** @default false */
            negate: boolean;
            /** @description Whole words, case and punctuation ignored */
            phrases: string[];
            /**
             * @default either
             * @enum {string}
             */
            speaker: "agent" | "customer" | "either";
            /** @constant */
            type: "phrase";
            within?: components["schemas"]["AnalysisTimeWindow"];
        } | {
            atLeast?: number;
            below?: number;
            /**
             * @default average
             * @enum {string}
             */
            measure: "average" | "any_segment";
            /**
             * @default customer
             * @enum {string}
             */
            speaker: "agent" | "customer";
            /** @constant */
            type: "sentiment";
            within?: components["schemas"]["AnalysisTimeWindow"];
        } | {
            /** @enum {string} */
            metric: "longest_silence_seconds" | "talk_ratio_percent" | "interruptions" | "longest_monologue_seconds";
            /** @enum {string} */
            operator: ">" | ">=" | "<" | "<=";
            /**
             * @default either
             * @enum {string}
             */
            speaker: "agent" | "customer" | "either";
            /** @constant */
            type: "characteristic";
            value: number;
        } | {
            conditions: ({
                /**
                 * @default any
                 * @enum {string}
                 */
                match: "any" | "all";
                /** @default false */
                negate: boolean;
                /** @description Whole words, case and punctuation ignored */
                phrases: string[];
                /**
                 * @default either
                 * @enum {string}
                 */
                speaker: "agent" | "customer" | "either";
                /** @constant */
                type: "phrase";
                within?: components["schemas"]["AnalysisTimeWindow"];
            } | {
                atLeast?: number;
                below?: number;
                /**
                 * @default average
                 * @enum {string}
                 */
                measure: "average" | "any_segment";
                /**
                 * @default customer
                 * @enum {string}
                 */
                speaker: "agent" | "customer";
                /** @constant */
                type: "sentiment";
                within?: components["schemas"]["AnalysisTimeWindow"];
            } | {
                /** @enum {string} */
                metric: "longest_silence_seconds" | "talk_ratio_percent" | "interruptions" | "longest_monologue_seconds";
                /** @enum {string} */
                operator: ">" | ">=" | "<" | "<=";
                /**
                 * @default either
                 * @enum {string}
                 */
                speaker: "agent" | "customer" | "either";
                /** @constant */
                type: "characteristic";
                value: number;
            })[];
            /** @enum {string} */
            operator: "and" | "or";
            /** @constant */
            type: "group";
        };
        CategoryConditionInput: {
            /**
             * @default any
             * @enum {string}
             */
            match: "any" | "all";
            /** @default false */
            negate: boolean;
            /** @description Whole words, case and punctuation ignored */
            phrases: string[];
            /**
             * @default either
             * @enum {string}
             */
            speaker: "agent" | "customer" | "either";
            /** @constant */
            type: "phrase";
            within?: components["schemas"]["AnalysisTimeWindowInput"];
        } | {
            atLeast?: number;
            below?: number;
            /**
             * @default average
             * @enum {string}
             */
            measure: "average" | "any_segment";
            /**
             * @default customer
             * @enum {string}
             */
            speaker: "agent" | "customer";
            /** @constant */
            type: "sentiment";
            within?: components["schemas"]["AnalysisTimeWindowInput"];
        } | {
            /** @enum {string} */
            metric: "longest_silence_seconds" | "talk_ratio_percent" | "interruptions" | "longest_monologue_seconds";
            /** @enum {string} */
            operator: ">" | ">=" | "<" | "<=";
            /**
             * @default either
             * @enum {string}
             */
            speaker: "agent" | "customer" | "either";
            /** @constant */
            type: "characteristic";
            value: number;
        } | {
            conditions: ({
                /**
                 * @default any
                 * @enum {string}
                 */
                match: "any" | "all";
                /** @default false */
                negate: boolean;
                /** @description Whole words, case and punctuation ignored */
                phrases: string[];
                /**
                 * @default either
                 * @enum {string}
                 */
                speaker: "agent" | "customer" | "either";
                /** @constant */
                type: "phrase";
                within?: components["schemas"]["AnalysisTimeWindowInput"];
            } | {
                atLeast?: number;
                below?: number;
                /**
                 * @default average
                 * @enum {string}
                 */
                measure: "average" | "any_segment";
                /**
                 * @default customer
                 * @enum {string}
                 */
                speaker: "agent" | "customer";
                /** @constant */
                type: "sentiment";
                within?: components["schemas"]["AnalysisTimeWindowInput"];
            } | {
                /** @enum {string} */
                metric: "longest_silence_seconds" | "talk_ratio_percent" | "interruptions" | "longest_monologue_seconds";
                /** @enum {string} */
                operator: ">" | ">=" | "<" | "<=";
                /**
                 * @default either
                 * @enum {string}
                 */
                speaker: "agent" | "customer" | "either";
                /** @constant */
                type: "characteristic";
                value: number;
            })[];
            /** @enum {string} */
            operator: "and" | "or";
            /** @constant */
            type: "group";
        };
        CategoryInput: {
            conditions: components["schemas"]["CategoryConditionInput"][];
            /** @default  */
            description: string;
            id: string;
            name: string;
            /**
             * @default and
             * @enum {string}
             */
            operator: "and" | "or";
        };
        CategoryMatches: {
            categorySetVersion: number | null;
            matches: {
                categoryId: string;
                name: string;
                points: {
                    /** @description Which condition this point satisfied: conditions.<i>[.conditions.<j>] */
                    condition: string;
                    endMs: number;
                    segmentId: string | null;
                    speaker: string | null;
                    startMs: number;
                }[];
            }[];
            recordingId: string;
        };
        CategoryMatchesInput: {
            categorySetVersion: number | null;
            matches: {
                categoryId: string;
                name: string;
                points: {
                    /** @description Which condition this point satisfied: conditions.<i>[.conditions.<j>] */
                    condition: string;
                    endMs: number;
                    segmentId: string | null;
                    speaker: string | null;
                    startMs: number;
                }[];
            }[];
            recordingId: string;
        };
        CategorySet: {
            categories: components["schemas"]["Category"][];
            name: string;
        };
        CategorySetInput: {
            categories: components["schemas"]["CategoryInput"][];
            name: string;
        };
        CategorySetVersion: {
            activatedAt: string | null;
            activatedBy: string | null;
            /** @description Null until a version was activated */
            activeVersion: number | null;
            body: components["schemas"]["CategorySet"];
            createdAt: string;
            createdBy: string;
            /** @description insight_schema_..., scorecard_... or category_set_... */
            id: string;
            isActive: boolean;
            /** @enum {string} */
            kind: "insight_schema" | "scorecard" | "category_set";
            latestVersion: number;
            name: string;
            updatedAt: string;
            version: number;
            versionCreatedAt: string;
            versionCreatedBy: string;
        };
        CategorySetVersionInput: {
            activatedAt: string | null;
            activatedBy: string | null;
            /** @description Null until a version was activated */
            activeVersion: number | null;
            body: components["schemas"]["CategorySetInput"];
            createdAt: string;
            createdBy: string;
            /** @description insight_schema_..., scorecard_... or category_set_... */
            id: string;
            isActive: boolean;
            /** @enum {string} */
            kind: "insight_schema" | "scorecard" | "category_set";
            latestVersion: number;
            name: string;
            updatedAt: string;
            version: number;
            versionCreatedAt: string;
            versionCreatedBy: string;
        };
        CauseCodes: {
            /** @description ITU-T Q.850 release cause. */
            q850: number | null;
            /** @description Final SIP response code. */
            sip: number | null;
            /** @description The source's own wording (hangup cause name, disconnect reason). */
            sourceText: string | null;
        };
        CauseCodesInput: {
            /** @description ITU-T Q.850 release cause. */
            q850: number | null;
            /** @description Final SIP response code. */
            sip: number | null;
            /** @description The source's own wording (hangup cause name, disconnect reason). */
            sourceText: string | null;
        };
        Consent: {
            /**
             * @description ai_voice: calls with an artificial or AI voice
             * @enum {string}
             */
            channel: "call" | "ai_voice" | "sms" | "email";
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            expiresAt: string | null;
            /** Format: date-time */
            givenAt: string;
            id: string;
            phone: string;
            purpose: string;
            request: string | null;
            requestObjectKey: string | null;
            /** @enum {string} */
            source: "web_form" | "paper" | "verbal_recorded" | "ivr" | "sms_reply" | "import" | "api";
            /** @enum {string} */
            status: "in_force" | "not_yet" | "withdrawn" | "expired";
            textShown: string;
            withdrawnAt: string | null;
            withdrawnBy: string | null;
            withdrawnHow: ("web_form" | "paper" | "verbal_recorded" | "ivr" | "sms_stop" | "voice_agent" | "opt_out_intent" | "api" | "manual") | null;
        };
        ConsentInput: {
            /**
             * @description ai_voice: calls with an artificial or AI voice
             * @enum {string}
             */
            channel: "call" | "ai_voice" | "sms" | "email";
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            expiresAt: string | null;
            /** Format: date-time */
            givenAt: string;
            id: string;
            phone: string;
            purpose: string;
            request: string | null;
            requestObjectKey: string | null;
            /** @enum {string} */
            source: "web_form" | "paper" | "verbal_recorded" | "ivr" | "sms_reply" | "import" | "api";
            /** @enum {string} */
            status: "in_force" | "not_yet" | "withdrawn" | "expired";
            textShown: string;
            withdrawnAt: string | null;
            withdrawnBy: string | null;
            withdrawnHow: ("web_form" | "paper" | "verbal_recorded" | "ivr" | "sms_stop" | "voice_agent" | "opt_out_intent" | "api" | "manual") | null;
        };
        ConversationAnalysis: {
            actionItems: {
                action: string;
                due: string | null;
                evidence: {
                    charEnd: number;
                    charStart: number;
                    endMs: number;
                    quote: string;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                };
                owner: string;
                /** @enum {string} */
                ownerRole: "agent" | "customer" | "unknown";
                rule: string;
            }[];
            analyser: string;
            analyserVersion: string;
            categories: string[];
            categoryMatches: {
                categoryId: string;
                name: string;
                points: {
                    condition: string;
                    endMs: number;
                    segmentId: string | null;
                    speaker: string | null;
                    startMs: number;
                }[];
            }[];
            configs: {
                categorySet: string | null;
                insightSchema: string | null;
                /** @description <scorecard id>@<version> used, null when none was active */
                scorecard: string | null;
            };
            createdAt: string;
            entities: {
                evidence: {
                    charEnd: number;
                    charStart: number;
                    endMs: number;
                    quote: string;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                };
                /** @enum {string} */
                source: "model" | "redaction" | "llm";
                text: string;
                type: string;
            }[];
            finalKey: string | null;
            /** @description Effective, as qaScore */
            grade: ("A" | "B" | "C" | "D" | "E") | null;
            /** @description ana_… */
            id: string;
            insights: {
                problems: {
                    field: string;
                    message: string;
                }[];
                schemaId: string;
                schemaVersion: number;
                valid: boolean;
                values: {
                    [key: string]: unknown;
                } | null;
            } | null;
            intentHits: {
                evidence: {
                    charEnd: number;
                    charStart: number;
                    endMs: number;
                    quote: string;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                };
                /** @enum {string} */
                kind: "opt_out" | "complaint" | "cancel" | "callback_request" | "escalation" | "payment_promise";
                rule: string;
            }[];
            intents: string[];
            isCurrent: boolean;
            machineGrade?: ("A" | "B" | "C" | "D" | "E") | null;
            /** @description The score the analysis computed, before overrides */
            machineQaScore?: number | null;
            provenance: {
                analysis: {
                    analyser: string;
                    configHash: string;
                    finishedAt: string;
                    language: string | null;
                    model: string | null;
                    promptVersion: string | null;
                    startedAt: string;
                    timings: {
                        steps: {
                            [key: string]: number;
                        };
                        totalMs: number;
                    };
                    usage: {
                        costMicros: number | null;
                        requests: number;
                        tokensIn: number;
                        tokensOut: number;
                    } | null;
                    version: string;
                };
                llm: {
                    configHash: string;
                    costUsd: number | null;
                    inputTokens: number;
                    model: string;
                    outputTokens: number;
                    promptVersion: string;
                    provider: string;
                } | null;
            };
            qa: components["schemas"]["QaEvaluation"] | null;
            /** @description Effective: the machine's score with reviewers' overrides applied */
            qaScore: number | null;
            questions: {
                count: number;
                examples: {
                    charEnd: number;
                    charStart: number;
                    endMs: number;
                    quote: string;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                }[];
                /** @enum {string} */
                role: "agent" | "customer" | "unknown";
                speaker: string;
            }[];
            /** @enum {string} */
            reason: "pipeline" | "reanalysis" | "rescore";
            recordingId: string;
            requestedBy: string;
            /** @description When a reviewer's override last changed the figures */
            reviewedAt?: string | null;
            runId: string;
            sentiment: {
                byQuarter: {
                    bySpeaker: {
                        /** @enum {string} */
                        label: "positive" | "neutral" | "negative";
                        /** @enum {string} */
                        role: "agent" | "customer" | "unknown";
                        score: number;
                        segmentCount: number;
                        speaker: string;
                    }[];
                    endMs: number;
                    overall: {
                        /** @enum {string} */
                        label: "positive" | "neutral" | "negative";
                        score: number;
                    } | null;
                    quarter: 1 | 2 | 3 | 4;
                    startMs: number;
                }[];
                bySpeaker: {
                    /** @enum {string} */
                    label: "positive" | "neutral" | "negative";
                    /** @enum {string} */
                    role: "agent" | "customer" | "unknown";
                    score: number;
                    segmentCount: number;
                    speaker: string;
                }[];
                overall: {
                    /** @enum {string} */
                    label: "positive" | "neutral" | "negative";
                    score: number;
                };
                perSegment: {
                    endMs: number;
                    /** @enum {string} */
                    label: "positive" | "neutral" | "negative";
                    score: number;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                }[];
            };
            sentimentScore: number | null;
            summary: {
                abstractive: string | null;
                /** @enum {string} */
                kind: "extractive" | "abstractive";
                sentences: {
                    charEnd: number;
                    charStart: number;
                    endMs: number;
                    quote: string;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                }[];
                text: string;
            };
            topicMatches: {
                evidence: {
                    charEnd: number;
                    charStart: number;
                    endMs: number;
                    quote: string;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                }[];
                matches: number;
                name: string;
                topicId: string;
            }[];
            topics: string[];
            trackers: {
                evidence: {
                    charEnd: number;
                    charStart: number;
                    endMs: number;
                    quote: string;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                };
                phrase: string;
                trackerId: string;
                trackerName: string;
            }[];
            transcriptId: string;
        };
        ConversationAnalysisInput: {
            actionItems: {
                action: string;
                due: string | null;
                evidence: {
                    charEnd: number;
                    charStart: number;
                    endMs: number;
                    quote: string;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                };
                owner: string;
                /** @enum {string} */
                ownerRole: "agent" | "customer" | "unknown";
                rule: string;
            }[];
            analyser: string;
            analyserVersion: string;
            categories: string[];
            categoryMatches: {
                categoryId: string;
                name: string;
                points: {
                    condition: string;
                    endMs: number;
                    segmentId: string | null;
                    speaker: string | null;
                    startMs: number;
                }[];
            }[];
            configs: {
                categorySet: string | null;
                insightSchema: string | null;
                /** @description <scorecard id>@<version> used, null when none was active */
                scorecard: string | null;
            };
            createdAt: string;
            entities: {
                evidence: {
                    charEnd: number;
                    charStart: number;
                    endMs: number;
                    quote: string;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                };
                /** @enum {string} */
                source: "model" | "redaction" | "llm";
                text: string;
                type: string;
            }[];
            finalKey: string | null;
            /** @description Effective, as qaScore */
            grade: ("A" | "B" | "C" | "D" | "E") | null;
            /** @description ana_… */
            id: string;
            insights: {
                problems: {
                    field: string;
                    message: string;
                }[];
                schemaId: string;
                schemaVersion: number;
                valid: boolean;
                values: {
                    [key: string]: unknown;
                } | null;
            } | null;
            intentHits: {
                evidence: {
                    charEnd: number;
                    charStart: number;
                    endMs: number;
                    quote: string;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                };
                /** @enum {string} */
                kind: "opt_out" | "complaint" | "cancel" | "callback_request" | "escalation" | "payment_promise";
                rule: string;
            }[];
            intents: string[];
            isCurrent: boolean;
            machineGrade?: ("A" | "B" | "C" | "D" | "E") | null;
            /** @description The score the analysis computed, before overrides */
            machineQaScore?: number | null;
            provenance: {
                analysis: {
                    analyser: string;
                    configHash: string;
                    finishedAt: string;
                    language: string | null;
                    model: string | null;
                    promptVersion: string | null;
                    startedAt: string;
                    timings: {
                        steps: {
                            [key: string]: number;
                        };
                        totalMs: number;
                    };
                    usage: {
                        costMicros: number | null;
                        requests: number;
                        tokensIn: number;
                        tokensOut: number;
                    } | null;
                    version: string;
                };
                llm: {
                    configHash: string;
                    costUsd: number | null;
                    inputTokens: number;
                    model: string;
                    outputTokens: number;
                    promptVersion: string;
                    provider: string;
                } | null;
            };
            qa: components["schemas"]["QaEvaluationInput"] | null;
            /** @description Effective: the machine's score with reviewers' overrides applied */
            qaScore: number | null;
            questions: {
                count: number;
                examples: {
                    charEnd: number;
                    charStart: number;
                    endMs: number;
                    quote: string;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                }[];
                /** @enum {string} */
                role: "agent" | "customer" | "unknown";
                speaker: string;
            }[];
            /** @enum {string} */
            reason: "pipeline" | "reanalysis" | "rescore";
            recordingId: string;
            requestedBy: string;
            /** @description When a reviewer's override last changed the figures */
            reviewedAt?: string | null;
            runId: string;
            sentiment: {
                byQuarter: {
                    bySpeaker: {
                        /** @enum {string} */
                        label: "positive" | "neutral" | "negative";
                        /** @enum {string} */
                        role: "agent" | "customer" | "unknown";
                        score: number;
                        segmentCount: number;
                        speaker: string;
                    }[];
                    endMs: number;
                    overall: {
                        /** @enum {string} */
                        label: "positive" | "neutral" | "negative";
                        score: number;
                    } | null;
                    quarter: 1 | 2 | 3 | 4;
                    startMs: number;
                }[];
                bySpeaker: {
                    /** @enum {string} */
                    label: "positive" | "neutral" | "negative";
                    /** @enum {string} */
                    role: "agent" | "customer" | "unknown";
                    score: number;
                    segmentCount: number;
                    speaker: string;
                }[];
                overall: {
                    /** @enum {string} */
                    label: "positive" | "neutral" | "negative";
                    score: number;
                };
                perSegment: {
                    endMs: number;
                    /** @enum {string} */
                    label: "positive" | "neutral" | "negative";
                    score: number;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                }[];
            };
            sentimentScore: number | null;
            summary: {
                abstractive: string | null;
                /** @enum {string} */
                kind: "extractive" | "abstractive";
                sentences: {
                    charEnd: number;
                    charStart: number;
                    endMs: number;
                    quote: string;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                }[];
                text: string;
            };
            topicMatches: {
                evidence: {
                    charEnd: number;
                    charStart: number;
                    endMs: number;
                    quote: string;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                }[];
                matches: number;
                name: string;
                topicId: string;
            }[];
            topics: string[];
            trackers: {
                evidence: {
                    charEnd: number;
                    charStart: number;
                    endMs: number;
                    quote: string;
                    segmentId: string;
                    speaker: string;
                    startMs: number;
                };
                phrase: string;
                trackerId: string;
                trackerName: string;
            }[];
            transcriptId: string;
        };
        ConversationAnalysisSettings: {
            /**
             * @default local
             * @enum {string}
             */
            analyser: "local" | "llm";
            /** @default null */
            llm: ({
                apiKeySecret: string;
                /** @default 2023-06-01 */
                apiVersion: string;
                /**
                 * Format: uri
                 * @default https://api.anthropic.com
                 */
                baseUrl: string;
                /** @default 3 */
                maxAttempts: number;
                /** @default 4096 */
                maxOutputTokens: number;
                /** @default 2 */
                maxRepairs: number;
                /** @default 60000 */
                maxRetryAfterMs: number;
                /** @default claude-haiku-4-5 */
                model: string;
                /** @default {} */
                prices: {
                    [key: string]: {
                        inputPerMillionUsd: number;
                        outputPerMillionUsd: number;
                    };
                };
                /** @constant */
                provider: "anthropic";
                /** @default 120000 */
                requestTimeoutMs: number;
                /** @default 1000 */
                retryBaseMs: number;
                /** @default 0.2 */
                temperature: number;
            } | {
                accessKeyIdSecret: string;
                /** @default null */
                endpoint: string | null;
                /** @default 3 */
                maxAttempts: number;
                /** @default 4096 */
                maxOutputTokens: number;
                /** @default 2 */
                maxRepairs: number;
                /** @default 60000 */
                maxRetryAfterMs: number;
                /** @default anthropic.claude-3-haiku-20240307-v1:0 */
                model: string;
                /** @default {} */
                prices: {
                    [key: string]: {
                        inputPerMillionUsd: number;
                        outputPerMillionUsd: number;
                    };
                };
                /** @constant */
                provider: "bedrock";
                region: string;
                /** @default 120000 */
                requestTimeoutMs: number;
                /** @default 1000 */
                retryBaseMs: number;
                secretAccessKeySecret: string;
                /** @default null */
                sessionTokenSecret: string | null;
                /** @default 0.2 */
                temperature: number;
            } | {
                /** @default null */
                apiKeySecret: string | null;
                /**
                 * @default bearer
                 * @enum {string}
                 */
                auth: "bearer" | "api-key";
                /**
                 * Format: uri
                 * @default https://api.openai.com/v1
                 */
                baseUrl: string;
                /** @default 3 */
                maxAttempts: number;
                /** @default 4096 */
                maxOutputTokens: number;
                /** @default 2 */
                maxRepairs: number;
                /** @default 60000 */
                maxRetryAfterMs: number;
                /**
                 * @default max_tokens
                 * @enum {string}
                 */
                maxTokensField: "max_tokens" | "max_completion_tokens";
                /** @default gpt-4o-mini */
                model: string;
                /** @default {} */
                prices: {
                    [key: string]: {
                        inputPerMillionUsd: number;
                        outputPerMillionUsd: number;
                    };
                };
                /** @constant */
                provider: "openai-compatible";
                /** @default {} */
                query: {
                    [key: string]: string;
                };
                /** @default 120000 */
                requestTimeoutMs: number;
                /** @default 1000 */
                retryBaseMs: number;
                /**
                 * @default json_schema
                 * @enum {string}
                 */
                structuredOutput: "json_schema" | "tools" | "json_object";
                /** @default 0.2 */
                temperature: number;
            }) | null;
            /**
             * @default redact-first
             * @enum {string}
             */
            piiPolicy: "redact-first" | "allow-unredacted";
        };
        ConversationAnalysisSettingsInput: {
            /**
             * @default local
             * @enum {string}
             */
            analyser: "local" | "llm";
            /** @default null */
            llm: ({
                apiKeySecret: string;
                /** @default 2023-06-01 */
                apiVersion: string;
                /**
                 * Format: uri
                 * @default https://api.anthropic.com
                 */
                baseUrl: string;
                /** @default 3 */
                maxAttempts: number;
                /** @default 4096 */
                maxOutputTokens: number;
                /** @default 2 */
                maxRepairs: number;
                /** @default 60000 */
                maxRetryAfterMs: number;
                /** @default claude-haiku-4-5 */
                model: string;
                /** @default {} */
                prices: {
                    [key: string]: {
                        inputPerMillionUsd: number;
                        outputPerMillionUsd: number;
                    };
                };
                /** @constant */
                provider: "anthropic";
                /** @default 120000 */
                requestTimeoutMs: number;
                /** @default 1000 */
                retryBaseMs: number;
                /** @default 0.2 */
                temperature: number;
            } | {
                accessKeyIdSecret: string;
                /** @default null */
                endpoint: string | null;
                /** @default 3 */
                maxAttempts: number;
                /** @default 4096 */
                maxOutputTokens: number;
                /** @default 2 */
                maxRepairs: number;
                /** @default 60000 */
                maxRetryAfterMs: number;
                /** @default anthropic.claude-3-haiku-20240307-v1:0 */
                model: string;
                /** @default {} */
                prices: {
                    [key: string]: {
                        inputPerMillionUsd: number;
                        outputPerMillionUsd: number;
                    };
                };
                /** @constant */
                provider: "bedrock";
                region: string;
                /** @default 120000 */
                requestTimeoutMs: number;
                /** @default 1000 */
                retryBaseMs: number;
                secretAccessKeySecret: string;
                /** @default null */
                sessionTokenSecret: string | null;
                /** @default 0.2 */
                temperature: number;
            } | {
                /** @default null */
                apiKeySecret: string | null;
                /**
                 * @default bearer
                 * @enum {string}
                 */
                auth: "bearer" | "api-key";
                /**
                 * Format: uri
                 * @default https://api.openai.com/v1
                 */
                baseUrl: string;
                /** @default 3 */
                maxAttempts: number;
                /** @default 4096 */
                maxOutputTokens: number;
                /** @default 2 */
                maxRepairs: number;
                /** @default 60000 */
                maxRetryAfterMs: number;
                /**
                 * @default max_tokens
                 * @enum {string}
                 */
                maxTokensField: "max_tokens" | "max_completion_tokens";
                /** @default gpt-4o-mini */
                model: string;
                /** @default {} */
                prices: {
                    [key: string]: {
                        inputPerMillionUsd: number;
                        outputPerMillionUsd: number;
                    };
                };
                /** @constant */
                provider: "openai-compatible";
                /** @default {} */
                query: {
                    [key: string]: string;
                };
                /** @default 120000 */
                requestTimeoutMs: number;
                /** @default 1000 */
                retryBaseMs: number;
                /**
                 * @default json_schema
                 * @enum {string}
                 */
                structuredOutput: "json_schema" | "tools" | "json_object";
                /** @default 0.2 */
                temperature: number;
            }) | null;
            /**
             * @default redact-first
             * @enum {string}
             */
            piiPolicy: "redact-first" | "allow-unredacted";
        };
        ConversationAnalysisSummary: {
            analyser: string;
            analyserVersion: string;
            categories: string[];
            configs: {
                categorySet: string | null;
                insightSchema: string | null;
                /** @description <scorecard id>@<version> used, null when none was active */
                scorecard: string | null;
            };
            createdAt: string;
            finalKey: string | null;
            /** @description Effective, as qaScore */
            grade: ("A" | "B" | "C" | "D" | "E") | null;
            /** @description ana_… */
            id: string;
            intents: string[];
            isCurrent: boolean;
            machineGrade?: ("A" | "B" | "C" | "D" | "E") | null;
            /** @description The score the analysis computed, before overrides */
            machineQaScore?: number | null;
            /** @description Effective: the machine's score with reviewers' overrides applied */
            qaScore: number | null;
            /** @enum {string} */
            reason: "pipeline" | "reanalysis" | "rescore";
            recordingId: string;
            requestedBy: string;
            /** @description When a reviewer's override last changed the figures */
            reviewedAt?: string | null;
            runId: string;
            sentimentScore: number | null;
            topics: string[];
            transcriptId: string;
        };
        ConversationAnalysisSummaryInput: {
            analyser: string;
            analyserVersion: string;
            categories: string[];
            configs: {
                categorySet: string | null;
                insightSchema: string | null;
                /** @description <scorecard id>@<version> used, null when none was active */
                scorecard: string | null;
            };
            createdAt: string;
            finalKey: string | null;
            /** @description Effective, as qaScore */
            grade: ("A" | "B" | "C" | "D" | "E") | null;
            /** @description ana_… */
            id: string;
            intents: string[];
            isCurrent: boolean;
            machineGrade?: ("A" | "B" | "C" | "D" | "E") | null;
            /** @description The score the analysis computed, before overrides */
            machineQaScore?: number | null;
            /** @description Effective: the machine's score with reviewers' overrides applied */
            qaScore: number | null;
            /** @enum {string} */
            reason: "pipeline" | "reanalysis" | "rescore";
            recordingId: string;
            requestedBy: string;
            /** @description When a reviewer's override last changed the figures */
            reviewedAt?: string | null;
            runId: string;
            sentimentScore: number | null;
            topics: string[];
            transcriptId: string;
        };
        ConversationHit: {
            /** @description The current analysis; null when not analysed, or without the permission analysis:read */
            analysis: {
                analysedAt: string;
                categories: string[];
                customerSentiment: {
                    /** @enum {string} */
                    label: "negative" | "neutral" | "positive";
                    score: number;
                } | null;
                grade: ("A" | "B" | "C" | "D" | "E") | null;
                /** @description ana_... */
                id: string;
                intents: string[];
                qaScore: number | null;
                sentiment: {
                    /** @enum {string} */
                    label: "negative" | "neutral" | "positive";
                    score: number;
                } | null;
                topics: string[];
            } | null;
            callId: string | null;
            /** @enum {string} */
            direction: "inbound" | "outbound" | "internal" | "unknown";
            durationMs: number | null;
            language: string | null;
            queue: string | null;
            /** @description rec_...: the recording page */
            recordingId: string;
            /** @description Where the text filter matched (first match); null without a text filter */
            snippet: {
                /** @description The matching passage of the redacted transcript; match: a searched word */
                parts: {
                    match: boolean;
                    text: string;
                }[];
                /** @enum {string} */
                role: "agent" | "customer" | "unknown";
            } | null;
            /** @description Call start (or, without one, when it was received) */
            startedAt: string;
        };
        ConversationHitInput: {
            /** @description The current analysis; null when not analysed, or without the permission analysis:read */
            analysis: {
                analysedAt: string;
                categories: string[];
                customerSentiment: {
                    /** @enum {string} */
                    label: "negative" | "neutral" | "positive";
                    score: number;
                } | null;
                grade: ("A" | "B" | "C" | "D" | "E") | null;
                /** @description ana_... */
                id: string;
                intents: string[];
                qaScore: number | null;
                sentiment: {
                    /** @enum {string} */
                    label: "negative" | "neutral" | "positive";
                    score: number;
                } | null;
                topics: string[];
            } | null;
            callId: string | null;
            /** @enum {string} */
            direction: "inbound" | "outbound" | "internal" | "unknown";
            durationMs: number | null;
            language: string | null;
            queue: string | null;
            /** @description rec_...: the recording page */
            recordingId: string;
            /** @description Where the text filter matched (first match); null without a text filter */
            snippet: {
                /** @description The matching passage of the redacted transcript; match: a searched word */
                parts: {
                    match: boolean;
                    text: string;
                }[];
                /** @enum {string} */
                role: "agent" | "customer" | "unknown";
            } | null;
            /** @description Call start (or, without one, when it was received) */
            startedAt: string;
        };
        ConversationPage: {
            items: components["schemas"]["ConversationHit"][];
            /** @description Pass as cursor for the next page; null on the last page */
            nextCursor: string | null;
            /** @description How many conversations match, when asked with total=true; else null */
            total: {
                count: number;
                /** @description false: the planner’s estimate, because counting would be slow */
                exact: boolean;
            } | null;
        };
        ConversationPageInput: {
            items: components["schemas"]["ConversationHitInput"][];
            /** @description Pass as cursor for the next page; null on the last page */
            nextCursor: string | null;
            /** @description How many conversations match, when asked with total=true; else null */
            total: {
                count: number;
                /** @description false: the planner’s estimate, because counting would be slow */
                exact: boolean;
            } | null;
        };
        ConversationSettings: {
            /** @description How calls are analysed: the local analyser (default) or an LLM after it; LLM credentials are named secrets under llm. */
            analysis: components["schemas"]["ConversationAnalysisSettings"];
            /** @description Silence added before and after each redacted stretch (ms) */
            audioPaddingMs: number;
            /**
             * @description keep_original: no muted copy; redacted_only: a muted copy replaces the original audio; both: keep both
             * @enum {string}
             */
            audioRedaction: "keep_original" | "redacted_only" | "both";
            /** @description Providers a re-run may name: those configured and the local engine */
            availableProviders: string[];
            /** @description Language assumed when a recording names none */
            defaultLanguage: string | null;
            /** @description Every kind of provider that can be configured */
            providerKinds: ("local" | "openai" | "deepgram" | "aws-transcribe" | "assemblyai")[];
            redactEntityTypes: ("CARD_NUMBER" | "CARD_EXPIRY" | "CARD_CVV" | "CARD_PIN" | "BANK_ACCOUNT" | "BANK_ROUTING" | "BANK_SORT_CODE" | "IBAN" | "SSN" | "UK_NI" | "EMAIL" | "PHONE" | "ADDRESS" | "POSTAL_CODE" | "PERSON_NAME" | "LONG_NUMBER")[];
            /** @description Providers tried in this order for audio without a supplied transcript, each with its settings; credentials are named secrets, never values */
            transcription: components["schemas"]["TranscriptionSettings"];
            /** @description False while nothing is configured and the default (the local engine) applies */
            transcriptionConfigured: boolean;
            /** @description The names of `transcription.providers`, in order */
            transcriptionProviders: string[];
            updatedAt: string | null;
            updatedBy: string | null;
        };
        ConversationSettingsChange: {
            analysis?: components["schemas"]["ConversationAnalysisSettings"] | null;
            audioPaddingMs?: number;
            /** @enum {string} */
            audioRedaction?: "keep_original" | "redacted_only" | "both";
            defaultLanguage?: string | null;
            redactEntityTypes?: ("CARD_NUMBER" | "CARD_EXPIRY" | "CARD_CVV" | "CARD_PIN" | "BANK_ACCOUNT" | "BANK_ROUTING" | "BANK_SORT_CODE" | "IBAN" | "SSN" | "UK_NI" | "EMAIL" | "PHONE" | "ADDRESS" | "POSTAL_CODE" | "PERSON_NAME" | "LONG_NUMBER")[] | null;
            transcription?: components["schemas"]["TranscriptionSettings"] | null;
        };
        ConversationSettingsChangeInput: {
            analysis?: components["schemas"]["ConversationAnalysisSettingsInput"] | null;
            audioPaddingMs?: number;
            /** @enum {string} */
            audioRedaction?: "keep_original" | "redacted_only" | "both";
            defaultLanguage?: string | null;
            redactEntityTypes?: ("CARD_NUMBER" | "CARD_EXPIRY" | "CARD_CVV" | "CARD_PIN" | "BANK_ACCOUNT" | "BANK_ROUTING" | "BANK_SORT_CODE" | "IBAN" | "SSN" | "UK_NI" | "EMAIL" | "PHONE" | "ADDRESS" | "POSTAL_CODE" | "PERSON_NAME" | "LONG_NUMBER")[] | null;
            transcription?: components["schemas"]["TranscriptionSettingsInput"] | null;
        };
        ConversationSettingsInput: {
            /** @description How calls are analysed: the local analyser (default) or an LLM after it; LLM credentials are named secrets under llm. */
            analysis: components["schemas"]["ConversationAnalysisSettingsInput"];
            /** @description Silence added before and after each redacted stretch (ms) */
            audioPaddingMs: number;
            /**
             * @description keep_original: no muted copy; redacted_only: a muted copy replaces the original audio; both: keep both
             * @enum {string}
             */
            audioRedaction: "keep_original" | "redacted_only" | "both";
            /** @description Providers a re-run may name: those configured and the local engine */
            availableProviders: string[];
            /** @description Language assumed when a recording names none */
            defaultLanguage: string | null;
            /** @description Every kind of provider that can be configured */
            providerKinds: ("local" | "openai" | "deepgram" | "aws-transcribe" | "assemblyai")[];
            redactEntityTypes: ("CARD_NUMBER" | "CARD_EXPIRY" | "CARD_CVV" | "CARD_PIN" | "BANK_ACCOUNT" | "BANK_ROUTING" | "BANK_SORT_CODE" | "IBAN" | "SSN" | "UK_NI" | "EMAIL" | "PHONE" | "ADDRESS" | "POSTAL_CODE" | "PERSON_NAME" | "LONG_NUMBER")[];
            /** @description Providers tried in this order for audio without a supplied transcript, each with its settings; credentials are named secrets, never values */
            transcription: components["schemas"]["TranscriptionSettingsInput"];
            /** @description False while nothing is configured and the default (the local engine) applies */
            transcriptionConfigured: boolean;
            /** @description The names of `transcription.providers`, in order */
            transcriptionProviders: string[];
            updatedAt: string | null;
            updatedBy: string | null;
        };
        DeadLetter: {
            category: components["schemas"]["DeadLetterCategory"];
            deliveries: number;
            /** Format: date-time */
            discardedAt?: string;
            /** @description Who discarded it: a user or API key id, or cli */
            discardedBy?: string;
            /** @description The error as thrown (for engineers) */
            error: string;
            errorCode?: string;
            event: {
                data: unknown;
                id: string;
                key?: string;
                occurredAt: string;
                tenantId: string;
                traceparent?: string;
                type: string;
            };
            /** Format: date-time */
            failedAt: string;
            /** @description Consumer group whose handler gave up */
            group: string;
            /** @description Dead letter id (dlq_...) */
            id: string;
            replayCount: number;
            /** Format: date-time */
            replayedAt?: string;
            /**
             * @description waiting: needs someone; replayed: delivered again; discarded: set aside for good
             * @enum {string}
             */
            status: "waiting" | "replayed" | "discarded";
        };
        /**
         * @description Why the handler gave up: timeout (too slow, or never answered), db_unavailable, dependency_unavailable (another service stayed down), schema_rejected (the event was refused as invalid), rejected (refused for good: gone, conflict), handler_error (anything else, usually a bug)
         * @enum {string}
         */
        DeadLetterCategory: "timeout" | "db_unavailable" | "dependency_unavailable" | "schema_rejected" | "rejected" | "handler_error";
        /**
         * @description Why the handler gave up: timeout (too slow, or never answered), db_unavailable, dependency_unavailable (another service stayed down), schema_rejected (the event was refused as invalid), rejected (refused for good: gone, conflict), handler_error (anything else, usually a bug)
         * @enum {string}
         */
        DeadLetterCategoryInput: "timeout" | "db_unavailable" | "dependency_unavailable" | "schema_rejected" | "rejected" | "handler_error";
        DeadLetterInput: {
            category: components["schemas"]["DeadLetterCategoryInput"];
            deliveries: number;
            /** Format: date-time */
            discardedAt?: string;
            /** @description Who discarded it: a user or API key id, or cli */
            discardedBy?: string;
            /** @description The error as thrown (for engineers) */
            error: string;
            errorCode?: string;
            event: {
                data: unknown;
                id: string;
                key?: string;
                occurredAt: string;
                tenantId: string;
                traceparent?: string;
                type: string;
            };
            /** Format: date-time */
            failedAt: string;
            /** @description Consumer group whose handler gave up */
            group: string;
            /** @description Dead letter id (dlq_...) */
            id: string;
            replayCount: number;
            /** Format: date-time */
            replayedAt?: string;
            /**
             * @description waiting: needs someone; replayed: delivered again; discarded: set aside for good
             * @enum {string}
             */
            status: "waiting" | "replayed" | "discarded";
        };
        DeadLetterSummary: {
            /** @description Largest first; categories without letters are left out */
            categories: {
                category: components["schemas"]["DeadLetterCategory"];
                count: number;
            }[];
            /** @description Letters waiting (neither replayed nor discarded) */
            total: number;
        };
        DeadLetterSummaryInput: {
            /** @description Largest first; categories without letters are left out */
            categories: {
                category: components["schemas"]["DeadLetterCategoryInput"];
                count: number;
            }[];
            /** @description Letters waiting (neither replayed nor discarded) */
            total: number;
        };
        DncEntry: {
            addedBy: string;
            /** Format: date-time */
            createdAt: string;
            evidence: {
                analysisId?: string;
                callId?: string;
                note?: string;
                quote?: string;
                recordingId?: string;
            } | null;
            id: string;
            /** @enum {string} */
            kind: "number" | "pattern";
            number: string | null;
            pattern: string | null;
            reason: string;
            removedAt: string | null;
            removedBy: string | null;
            removedReason: string | null;
            /** @enum {string} */
            source: "manual" | "import" | "opt_out_intent" | "voice_agent" | "sms_stop";
        };
        DncEntryInput: {
            addedBy: string;
            /** Format: date-time */
            createdAt: string;
            evidence: {
                analysisId?: string;
                callId?: string;
                note?: string;
                quote?: string;
                recordingId?: string;
            } | null;
            id: string;
            /** @enum {string} */
            kind: "number" | "pattern";
            number: string | null;
            pattern: string | null;
            reason: string;
            removedAt: string | null;
            removedBy: string | null;
            removedReason: string | null;
            /** @enum {string} */
            source: "manual" | "import" | "opt_out_intent" | "voice_agent" | "sms_stop";
        };
        DncRegistryCopy: {
            ageDays: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            downloadedAt: string;
            entryCount: number;
            finishedAt: string | null;
            id: string;
            importedBy: string;
            linesRejected: number;
            region: string;
            registry: string;
            /** @enum {string} */
            state: "importing" | "current" | "replaced" | "failed";
        };
        DncRegistryCopyInput: {
            ageDays: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            downloadedAt: string;
            entryCount: number;
            finishedAt: string | null;
            id: string;
            importedBy: string;
            linesRejected: number;
            region: string;
            registry: string;
            /** @enum {string} */
            state: "importing" | "current" | "replaced" | "failed";
        };
        IdentityProvider: {
            audience: string;
            clientId: string | null;
            /** Format: date-time */
            createdAt: string;
            defaultRole: string | null;
            enabled: boolean;
            /** @description idp_... */
            id: string;
            issuer: string;
            name: string;
            roleMapping: {
                [key: string]: string;
            };
            rolesClaim: string | null;
            /** @enum {string} */
            surface: "internal" | "external";
            tenantClaim: string | null;
            tenantClaimValue: string | null;
        };
        IdentityProviderInput: {
            audience: string;
            clientId: string | null;
            /** Format: date-time */
            createdAt: string;
            defaultRole: string | null;
            enabled: boolean;
            /** @description idp_... */
            id: string;
            issuer: string;
            name: string;
            roleMapping: {
                [key: string]: string;
            };
            rolesClaim: string | null;
            /** @enum {string} */
            surface: "internal" | "external";
            tenantClaim: string | null;
            tenantClaimValue: string | null;
        };
        InsightField: {
            /** @description Tells the analyser what to put in the field */
            description: string;
            /** @description Required for type enum */
            enumValues?: string[];
            name: string;
            /** @default false */
            required: boolean;
            /** @enum {string} */
            type: "string" | "number" | "boolean" | "enum" | "array-of-string";
        };
        InsightFieldInput: {
            /** @description Tells the analyser what to put in the field */
            description: string;
            /** @description Required for type enum */
            enumValues?: string[];
            name: string;
            /** @default false */
            required: boolean;
            /** @enum {string} */
            type: "string" | "number" | "boolean" | "enum" | "array-of-string";
        };
        InsightSchema: {
            /** @default  */
            description: string;
            fields: components["schemas"]["InsightField"][];
            name: string;
        };
        InsightSchemaInput: {
            /** @default  */
            description: string;
            fields: components["schemas"]["InsightFieldInput"][];
            name: string;
        };
        InsightSchemaVersion: {
            activatedAt: string | null;
            activatedBy: string | null;
            /** @description Null until a version was activated */
            activeVersion: number | null;
            body: components["schemas"]["InsightSchema"];
            createdAt: string;
            createdBy: string;
            /** @description insight_schema_..., scorecard_... or category_set_... */
            id: string;
            isActive: boolean;
            /** @enum {string} */
            kind: "insight_schema" | "scorecard" | "category_set";
            latestVersion: number;
            name: string;
            updatedAt: string;
            version: number;
            versionCreatedAt: string;
            versionCreatedBy: string;
        };
        InsightSchemaVersionInput: {
            activatedAt: string | null;
            activatedBy: string | null;
            /** @description Null until a version was activated */
            activeVersion: number | null;
            body: components["schemas"]["InsightSchemaInput"];
            createdAt: string;
            createdBy: string;
            /** @description insight_schema_..., scorecard_... or category_set_... */
            id: string;
            isActive: boolean;
            /** @enum {string} */
            kind: "insight_schema" | "scorecard" | "category_set";
            latestVersion: number;
            name: string;
            updatedAt: string;
            version: number;
            versionCreatedAt: string;
            versionCreatedBy: string;
        };
        JsonValue: unknown;
        JsonValueInput: unknown;
        LeadColumnMapping: {
            customFields?: ("unmapped" | "none") | (string | number)[];
            defaultRegion?: string;
            /** @enum {string} */
            delimiter?: "," | ";" | "\t" | "|";
            fields?: {
                [key: string]: string | number;
            };
            hasHeader?: boolean;
            /** @enum {string} */
            preset?: "vicidial-standard" | "vicidial-stdrankowner" | "vicidial-minicsv" | "vicidial-minicsv02";
            sheet?: string;
        };
        LeadColumnMappingInput: {
            customFields?: ("unmapped" | "none") | (string | number)[];
            defaultRegion?: string;
            /** @enum {string} */
            delimiter?: "," | ";" | "\t" | "|";
            fields?: {
                [key: string]: string | number;
            };
            hasHeader?: boolean;
            /** @enum {string} */
            preset?: "vicidial-standard" | "vicidial-stdrankowner" | "vicidial-minicsv" | "vicidial-minicsv02";
            sheet?: string;
        };
        LeadDetail: {
            address: {
                city: string | null;
                country: string | null;
                lines: string[];
                postalCode: string | null;
                province: string | null;
                state: string | null;
            };
            /** Format: date-time */
            createdAt: string;
            customFields: {
                [key: string]: string;
            };
            email: string | null;
            externalId: string | null;
            firstName: string | null;
            fullName: string | null;
            id: string;
            importId: string | null;
            lastName: string | null;
            listId: string;
            middleName: string | null;
            /** @description E.164 */
            phone: string;
            region: string | null;
            sourceRow: number | null;
            /** @enum {string} */
            status: "new" | "attempted" | "contacted" | "callback" | "converted" | "not_interested" | "do_not_call" | "invalid";
            statusHistory: {
                actor: string;
                /** Format: date-time */
                at: string;
                from: ("new" | "attempted" | "contacted" | "callback" | "converted" | "not_interested" | "do_not_call" | "invalid") | null;
                reason: string;
                /** @enum {string} */
                to: "new" | "attempted" | "contacted" | "callback" | "converted" | "not_interested" | "do_not_call" | "invalid";
            }[];
            /** @description ISO 3166-2 of the address (US-FL) */
            subdivision: string | null;
            timeZone: string | null;
            /** @description Every zone the lead may be in: a calling window must hold in each */
            timeZoneCandidates: string[];
            timeZoneSource: ("field" | "subdivision" | "area_code" | "country" | "region_candidates") | null;
            title: string | null;
        };
        LeadDetailInput: {
            address: {
                city: string | null;
                country: string | null;
                lines: string[];
                postalCode: string | null;
                province: string | null;
                state: string | null;
            };
            /** Format: date-time */
            createdAt: string;
            customFields: {
                [key: string]: string;
            };
            email: string | null;
            externalId: string | null;
            firstName: string | null;
            fullName: string | null;
            id: string;
            importId: string | null;
            lastName: string | null;
            listId: string;
            middleName: string | null;
            /** @description E.164 */
            phone: string;
            region: string | null;
            sourceRow: number | null;
            /** @enum {string} */
            status: "new" | "attempted" | "contacted" | "callback" | "converted" | "not_interested" | "do_not_call" | "invalid";
            statusHistory: {
                actor: string;
                /** Format: date-time */
                at: string;
                from: ("new" | "attempted" | "contacted" | "callback" | "converted" | "not_interested" | "do_not_call" | "invalid") | null;
                reason: string;
                /** @enum {string} */
                to: "new" | "attempted" | "contacted" | "callback" | "converted" | "not_interested" | "do_not_call" | "invalid";
            }[];
            /** @description ISO 3166-2 of the address (US-FL) */
            subdivision: string | null;
            timeZone: string | null;
            /** @description Every zone the lead may be in: a calling window must hold in each */
            timeZoneCandidates: string[];
            timeZoneSource: ("field" | "subdivision" | "area_code" | "country" | "region_candidates") | null;
            title: string | null;
        };
        LeadImport: {
            /** Format: date-time */
            createdAt: string;
            failureReason: string | null;
            fileName: string;
            finishedAt: string | null;
            id: string;
            listId: string;
            rowsAccepted: number;
            rowsDuplicate: number;
            rowsRead: number;
            rowsRejected: number;
            scan: {
                detail: string | null;
                result: ("clean" | "infected" | "error" | "not_configured") | null;
            };
            sizeBytes: number;
            /** @enum {string} */
            sniffedType: "csv" | "tsv" | "psv" | "ssv" | "xlsx";
            startedAt: string | null;
            /** @enum {string} */
            state: "queued" | "scanning" | "importing" | "completed" | "failed";
        };
        LeadImportDetail: {
            /** Format: date-time */
            createdAt: string;
            failureReason: string | null;
            fileName: string;
            finishedAt: string | null;
            id: string;
            listId: string;
            nextRejectionsAfter: number | null;
            rejections: {
                field: string;
                reason: string;
                row: number;
            }[];
            rowsAccepted: number;
            rowsDuplicate: number;
            rowsRead: number;
            rowsRejected: number;
            scan: {
                detail: string | null;
                result: ("clean" | "infected" | "error" | "not_configured") | null;
            };
            sizeBytes: number;
            /** @enum {string} */
            sniffedType: "csv" | "tsv" | "psv" | "ssv" | "xlsx";
            startedAt: string | null;
            /** @enum {string} */
            state: "queued" | "scanning" | "importing" | "completed" | "failed";
        };
        LeadImportDetailInput: {
            /** Format: date-time */
            createdAt: string;
            failureReason: string | null;
            fileName: string;
            finishedAt: string | null;
            id: string;
            listId: string;
            nextRejectionsAfter: number | null;
            rejections: {
                field: string;
                reason: string;
                row: number;
            }[];
            rowsAccepted: number;
            rowsDuplicate: number;
            rowsRead: number;
            rowsRejected: number;
            scan: {
                detail: string | null;
                result: ("clean" | "infected" | "error" | "not_configured") | null;
            };
            sizeBytes: number;
            /** @enum {string} */
            sniffedType: "csv" | "tsv" | "psv" | "ssv" | "xlsx";
            startedAt: string | null;
            /** @enum {string} */
            state: "queued" | "scanning" | "importing" | "completed" | "failed";
        };
        LeadImportInput: {
            /** Format: date-time */
            createdAt: string;
            failureReason: string | null;
            fileName: string;
            finishedAt: string | null;
            id: string;
            listId: string;
            rowsAccepted: number;
            rowsDuplicate: number;
            rowsRead: number;
            rowsRejected: number;
            scan: {
                detail: string | null;
                result: ("clean" | "infected" | "error" | "not_configured") | null;
            };
            sizeBytes: number;
            /** @enum {string} */
            sniffedType: "csv" | "tsv" | "psv" | "ssv" | "xlsx";
            startedAt: string | null;
            /** @enum {string} */
            state: "queued" | "scanning" | "importing" | "completed" | "failed";
        };
        LeadImportPreview: {
            /** @description null for an XLSX workbook */
            delimiter: string | null;
            header: string[] | null;
            rows: {
                lead: {
                    customFields: {
                        [key: string]: string;
                    };
                    email: string | null;
                    fields: {
                        [key: string]: string;
                    };
                    phone: string;
                    region: string | null;
                    subdivision: string | null;
                    timeZone: string | null;
                    timeZoneCandidates: string[];
                } | null;
                raw: string[];
                rejection: {
                    field: string;
                    reason: string;
                } | null;
                row: number;
            }[];
            /** @enum {string} */
            sniffedType: "csv" | "tsv" | "psv" | "ssv" | "xlsx";
        };
        LeadImportPreviewInput: {
            /** @description null for an XLSX workbook */
            delimiter: string | null;
            header: string[] | null;
            rows: {
                lead: {
                    customFields: {
                        [key: string]: string;
                    };
                    email: string | null;
                    fields: {
                        [key: string]: string;
                    };
                    phone: string;
                    region: string | null;
                    subdivision: string | null;
                    timeZone: string | null;
                    timeZoneCandidates: string[];
                } | null;
                raw: string[];
                rejection: {
                    field: string;
                    reason: string;
                } | null;
                row: number;
            }[];
            /** @enum {string} */
            sniffedType: "csv" | "tsv" | "psv" | "ssv" | "xlsx";
        };
        LeadList: {
            /** Format: date-time */
            createdAt: string;
            defaultRegion: string | null;
            description: string | null;
            id: string;
            leadCount: number;
            name: string;
            /** Format: date-time */
            updatedAt: string;
        };
        LeadListInput: {
            /** Format: date-time */
            createdAt: string;
            defaultRegion: string | null;
            description: string | null;
            id: string;
            leadCount: number;
            name: string;
            /** Format: date-time */
            updatedAt: string;
        };
        LeadSummary: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            listId: string;
            /** @description E.164 */
            phone: string;
            region: string | null;
            /** @enum {string} */
            status: "new" | "attempted" | "contacted" | "callback" | "converted" | "not_interested" | "do_not_call" | "invalid";
            /** @description ISO 3166-2 of the address (US-FL) */
            subdivision: string | null;
            timeZone: string | null;
            /** @description Every zone the lead may be in: a calling window must hold in each */
            timeZoneCandidates: string[];
            timeZoneSource: ("field" | "subdivision" | "area_code" | "country" | "region_candidates") | null;
        };
        LeadSummaryInput: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            listId: string;
            /** @description E.164 */
            phone: string;
            region: string | null;
            /** @enum {string} */
            status: "new" | "attempted" | "contacted" | "callback" | "converted" | "not_interested" | "do_not_call" | "invalid";
            /** @description ISO 3166-2 of the address (US-FL) */
            subdivision: string | null;
            timeZone: string | null;
            /** @description Every zone the lead may be in: a calling window must hold in each */
            timeZoneCandidates: string[];
            timeZoneSource: ("field" | "subdivision" | "area_code" | "country" | "region_candidates") | null;
        };
        NewScorecardPreviewRequest: {
            /** @description rec_...: a recording with a transcript */
            recordingId: string;
            scorecard: components["schemas"]["Scorecard"];
        };
        NewScorecardPreviewRequestInput: {
            /** @description rec_...: a recording with a transcript */
            recordingId: string;
            scorecard: components["schemas"]["ScorecardInput"];
        };
        NormalisedCall: {
            /**
             * @description The agent's wrap-up after the call (Connect AfterContactWorkDuration), where the source reports it; else null.
             * @default null
             */
            afterCallWorkSeconds: number | null;
            agent: {
                id: string | null;
                name: string | null;
            } | null;
            answeredAt: string | null;
            /** @description Source-specific extras kept verbatim enough to answer questions the unified fields cannot. */
            attributes: {
                [key: string]: components["schemas"]["JsonValue"];
            };
            causeCodes: components["schemas"]["CauseCodes"];
            /** @description Groups records that belong to one conversation (transfers, A/B legs written separately). */
            conversationId: string;
            /**
             * @description Seen from the tenant: inbound = an outside party called in; internal = both ends are the tenant.
             * @enum {string}
             */
            direction: "inbound" | "outbound" | "internal" | "unknown";
            /** @description null while the outcome is not known yet. */
            disposition: ("answered" | "no_answer" | "busy" | "failed" | "cancelled" | "voicemail") | null;
            /** @description null while the call is still in progress. */
            endedAt: string | null;
            from: components["schemas"]["CallParty"];
            /**
             * @description Time the caller spent on hold after the answer, where the source reports it; else null.
             * @default null
             */
            holdSeconds: number | null;
            legs: components["schemas"]["CallLeg"][];
            /** @description Worst values across legs/streams, where the source has them. */
            quality: components["schemas"]["CallQuality"] | null;
            queue: {
                id: string | null;
                name: string | null;
            } | null;
            recordings: components["schemas"]["CallRecording"][];
            /** @description Start until answer; for unanswered calls start until the end. */
            ringSeconds: number | null;
            /**
             * @description System the record came from.
             * @enum {string}
             */
            source: "teams" | "twilio" | "asterisk" | "freeswitch" | "3cx" | "cucm" | "connect" | "genesys" | "sbc" | "vcon" | "generic";
            /** @description Id of the call in the source; unique per tenant and source. */
            sourceCallId: string;
            /**
             * @description The direction exactly as the source spelled it (FreeSWITCH channel direction, Twilio Direction, Connect InitiationMethod, ...); null when the source states none. `direction` is its reading from the tenant; docs/connectors-formats.md says per source how one maps to the other.
             * @default null
             */
            sourceDirection: string | null;
            /** @description Orders deliveries of the same source call: the larger value is newer. Numbers compare numerically, strings (ISO timestamps) lexicographically; one source always uses one kind. */
            sourceVersion: number | string;
            /**
             * Format: date-time
             * @description UTC instant, ISO-8601 with a Z suffix.
             */
            startedAt: string;
            /** @description Time the parties talked: the source's own talk time where it reports one (Connect AgentInteractionDuration, which leaves out hold), else answer until the end; 0 when never answered. */
            talkSeconds: number | null;
            to: components["schemas"]["CallParty"];
            totalSeconds: number | null;
        };
        NormalisedCallInput: {
            /**
             * @description The agent's wrap-up after the call (Connect AfterContactWorkDuration), where the source reports it; else null.
             * @default null
             */
            afterCallWorkSeconds: number | null;
            agent: {
                id: string | null;
                name: string | null;
            } | null;
            answeredAt: string | null;
            /** @description Source-specific extras kept verbatim enough to answer questions the unified fields cannot. */
            attributes: {
                [key: string]: components["schemas"]["JsonValueInput"];
            };
            causeCodes: components["schemas"]["CauseCodesInput"];
            /** @description Groups records that belong to one conversation (transfers, A/B legs written separately). */
            conversationId: string;
            /**
             * @description Seen from the tenant: inbound = an outside party called in; internal = both ends are the tenant.
             * @enum {string}
             */
            direction: "inbound" | "outbound" | "internal" | "unknown";
            /** @description null while the outcome is not known yet. */
            disposition: ("answered" | "no_answer" | "busy" | "failed" | "cancelled" | "voicemail") | null;
            /** @description null while the call is still in progress. */
            endedAt: string | null;
            from: components["schemas"]["CallPartyInput"];
            /**
             * @description Time the caller spent on hold after the answer, where the source reports it; else null.
             * @default null
             */
            holdSeconds: number | null;
            legs: components["schemas"]["CallLegInput"][];
            /** @description Worst values across legs/streams, where the source has them. */
            quality: components["schemas"]["CallQualityInput"] | null;
            queue: {
                id: string | null;
                name: string | null;
            } | null;
            recordings: components["schemas"]["CallRecordingInput"][];
            /** @description Start until answer; for unanswered calls start until the end. */
            ringSeconds: number | null;
            /**
             * @description System the record came from.
             * @enum {string}
             */
            source: "teams" | "twilio" | "asterisk" | "freeswitch" | "3cx" | "cucm" | "connect" | "genesys" | "sbc" | "vcon" | "generic";
            /** @description Id of the call in the source; unique per tenant and source. */
            sourceCallId: string;
            /**
             * @description The direction exactly as the source spelled it (FreeSWITCH channel direction, Twilio Direction, Connect InitiationMethod, ...); null when the source states none. `direction` is its reading from the tenant; docs/connectors-formats.md says per source how one maps to the other.
             * @default null
             */
            sourceDirection: string | null;
            /** @description Orders deliveries of the same source call: the larger value is newer. Numbers compare numerically, strings (ISO timestamps) lexicographically; one source always uses one kind. */
            sourceVersion: number | string;
            /**
             * Format: date-time
             * @description UTC instant, ISO-8601 with a Z suffix.
             */
            startedAt: string;
            /** @description Time the parties talked: the source's own talk time where it reports one (Connect AgentInteractionDuration, which leaves out hold), else answer until the end; 0 when never answered. */
            talkSeconds: number | null;
            to: components["schemas"]["CallPartyInput"];
            totalSeconds: number | null;
        };
        OrdersAnalytics: {
            byStatus: {
                [key: string]: number;
            };
            currency: string;
            days: {
                averageOrderValueMinor: number;
                date: string;
                orders: number;
                revenueMinor: number;
            }[];
            fulfilment: {
                medianHoursToDeliver: number | null;
                medianHoursToShip: number | null;
                p90HoursToShip: number | null;
                shipped: number;
            };
            timeZone: string;
            topProducts: {
                name: string;
                quantity: number;
                revenueMinor: number;
                sku: string;
            }[];
            totals: {
                averageOrderValueMinor: number;
                orders: number;
                refundedMinor: number;
                revenueMinor: number;
            };
        };
        OrdersAnalyticsInput: {
            byStatus: {
                [key: string]: number;
            };
            currency: string;
            days: {
                averageOrderValueMinor: number;
                date: string;
                orders: number;
                revenueMinor: number;
            }[];
            fulfilment: {
                medianHoursToDeliver: number | null;
                medianHoursToShip: number | null;
                p90HoursToShip: number | null;
                shipped: number;
            };
            timeZone: string;
            topProducts: {
                name: string;
                quantity: number;
                revenueMinor: number;
                sku: string;
            }[];
            totals: {
                averageOrderValueMinor: number;
                orders: number;
                refundedMinor: number;
                revenueMinor: number;
            };
        };
        OrdersSavedView: {
            /** Format: date-time */
            createdAt: string;
            filters: {
                [key: string]: string;
            };
            id: string;
            name: string;
        };
        OrdersSavedViewInput: {
            /** Format: date-time */
            createdAt: string;
            filters: {
                [key: string]: string;
            };
            id: string;
            name: string;
        };
        Payment: {
            amount: {
                amountMinor: number;
                currency: string;
            };
            authorizedMinor: number;
            capturedMinor: number;
            createdAt: string;
            failureCode: string | null;
            /** @enum {string} */
            gateway: "simulator" | "stripe" | "paypal";
            gatewayReference: string | null;
            id: string;
            method: {
                brand: string | null;
                last4: string | null;
                type: string;
            } | null;
            nextAction: {
                /** @enum {string} */
                type: "3ds" | "approve";
                url: string;
            } | null;
            orderId: string;
            refundedMinor: number;
            /** @enum {string} */
            status: "pending" | "requires_action" | "authorized" | "partially_captured" | "captured" | "partially_refunded" | "refunded" | "voided" | "failed";
            transactions: {
                amount: {
                    amountMinor: number;
                    currency: string;
                };
                createdAt: string;
                failureCode: string | null;
                failureMessage: string | null;
                gatewayReference: string | null;
                id: string;
                idempotencyKey: string;
                /** @enum {string} */
                kind: "authorize" | "capture" | "void" | "refund";
                settledAt: string | null;
                /** @enum {string} */
                status: "pending" | "succeeded" | "failed";
            }[];
            updatedAt: string;
        };
        PaymentGateways: {
            items: {
                configured: boolean;
                default: boolean;
                /** @enum {string} */
                mode: "test" | "live";
                /** @enum {string} */
                name: "simulator" | "stripe" | "paypal";
            }[];
        };
        PaymentGatewaysInput: {
            items: {
                configured: boolean;
                default: boolean;
                /** @enum {string} */
                mode: "test" | "live";
                /** @enum {string} */
                name: "simulator" | "stripe" | "paypal";
            }[];
        };
        PaymentInput: {
            amount: {
                amountMinor: number;
                currency: string;
            };
            authorizedMinor: number;
            capturedMinor: number;
            createdAt: string;
            failureCode: string | null;
            /** @enum {string} */
            gateway: "simulator" | "stripe" | "paypal";
            gatewayReference: string | null;
            id: string;
            method: {
                brand: string | null;
                last4: string | null;
                type: string;
            } | null;
            nextAction: {
                /** @enum {string} */
                type: "3ds" | "approve";
                url: string;
            } | null;
            orderId: string;
            refundedMinor: number;
            /** @enum {string} */
            status: "pending" | "requires_action" | "authorized" | "partially_captured" | "captured" | "partially_refunded" | "refunded" | "voided" | "failed";
            transactions: {
                amount: {
                    amountMinor: number;
                    currency: string;
                };
                createdAt: string;
                failureCode: string | null;
                failureMessage: string | null;
                gatewayReference: string | null;
                id: string;
                idempotencyKey: string;
                /** @enum {string} */
                kind: "authorize" | "capture" | "void" | "refund";
                settledAt: string | null;
                /** @enum {string} */
                status: "pending" | "succeeded" | "failed";
            }[];
            updatedAt: string;
        };
        PaymentReconciliation: {
            amountMismatches: {
                currency: string;
                kind: string;
                oursMinor: number;
                paymentId: string;
                reference: string;
                theirsMinor: number;
            }[];
            createdAt: string;
            date: string;
            /** @enum {string} */
            gateway: "simulator" | "stripe" | "paypal";
            id: string;
            matched: number;
            missingAtGateway: {
                amountMinor: number;
                currency: string;
                kind: string;
                paymentId: string;
                reference: string | null;
                transactionId: string;
            }[];
            missingHere: {
                amountMinor: number;
                currency: string;
                kind: string;
                paymentReference: string | null;
                reference: string;
            }[];
        };
        PaymentReconciliationInput: {
            amountMismatches: {
                currency: string;
                kind: string;
                oursMinor: number;
                paymentId: string;
                reference: string;
                theirsMinor: number;
            }[];
            createdAt: string;
            date: string;
            /** @enum {string} */
            gateway: "simulator" | "stripe" | "paypal";
            id: string;
            matched: number;
            missingAtGateway: {
                amountMinor: number;
                currency: string;
                kind: string;
                paymentId: string;
                reference: string | null;
                transactionId: string;
            }[];
            missingHere: {
                amountMinor: number;
                currency: string;
                kind: string;
                paymentReference: string | null;
                reference: string;
            }[];
        };
        /** @description RFC 9457 problem details */
        Problem: {
            /** @description Stable machine-readable error code, e.g. VALIDATION_FAILED */
            code: string;
            detail?: string;
            errors?: {
                field: string;
                message: string;
            }[];
            instance?: string;
            requestId: string;
            status: number;
            title: string;
            type: string;
        };
        /** @description RFC 9457 problem details */
        ProblemInput: {
            /** @description Stable machine-readable error code, e.g. VALIDATION_FAILED */
            code: string;
            detail?: string;
            errors?: {
                field: string;
                message: string;
            }[];
            instance?: string;
            requestId: string;
            status: number;
            title: string;
            type: string;
        };
        QaDispute: {
            analysisId: string;
            comment: string;
            createdAt: string;
            /** @description dispute_… */
            id: string;
            raisedBy: string;
            recordingId: string;
            resolution: string | null;
            resolvedAt: string | null;
            resolvedBy: string | null;
            /** @description Null: the whole evaluation */
            ruleId: string | null;
            /** @enum {string} */
            state: "open" | "accepted" | "rejected";
        };
        QaDisputeInput: {
            analysisId: string;
            comment: string;
            createdAt: string;
            /** @description dispute_… */
            id: string;
            raisedBy: string;
            recordingId: string;
            resolution: string | null;
            resolvedAt: string | null;
            resolvedBy: string | null;
            /** @description Null: the whole evaluation */
            ruleId: string | null;
            /** @enum {string} */
            state: "open" | "accepted" | "rejected";
        };
        QaDisputeList: {
            items: {
                analysisId: string;
                /** @description False once the recording was analysed again (the dispute stays with its analysis) */
                analysisIsCurrent: boolean;
                comment: string;
                createdAt: string;
                /** @description dispute_… */
                id: string;
                raisedBy: string;
                recordingId: string;
                resolution: string | null;
                resolvedAt: string | null;
                resolvedBy: string | null;
                /** @description Null: the whole evaluation */
                ruleId: string | null;
                /** @enum {string} */
                state: "open" | "accepted" | "rejected";
            }[];
            nextCursor: string | null;
        };
        QaDisputeListInput: {
            items: {
                analysisId: string;
                /** @description False once the recording was analysed again (the dispute stays with its analysis) */
                analysisIsCurrent: boolean;
                comment: string;
                createdAt: string;
                /** @description dispute_… */
                id: string;
                raisedBy: string;
                recordingId: string;
                resolution: string | null;
                resolvedAt: string | null;
                resolvedBy: string | null;
                /** @description Null: the whole evaluation */
                ruleId: string | null;
                /** @enum {string} */
                state: "open" | "accepted" | "rejected";
            }[];
            nextCursor: string | null;
        };
        QaDisputeRequest: {
            /** @description What the agent contests (free text, sealed at rest; at most 2000 characters) */
            comment: string;
            /** @description The disputed rule; absent: the whole evaluation */
            ruleId?: string;
        };
        QaDisputeRequestInput: {
            /** @description What the agent contests (free text, sealed at rest; at most 2000 characters) */
            comment: string;
            /** @description The disputed rule; absent: the whole evaluation */
            ruleId?: string;
        };
        QaDisputeResolved: {
            dispute: components["schemas"]["QaDispute"];
            effective: components["schemas"]["QaEffectiveFigures"] | null;
            review: components["schemas"]["QaReview"] | null;
        };
        QaDisputeResolvedInput: {
            dispute: components["schemas"]["QaDisputeInput"];
            effective: components["schemas"]["QaEffectiveFiguresInput"] | null;
            review: components["schemas"]["QaReviewInput"] | null;
        };
        QaDisputeResolveRequest: {
            /** @description The reviewer's answer (free text, sealed at rest; at most 2000 characters) */
            comment: string;
            /** @enum {string} */
            outcome: "accepted" | "rejected";
            /** @description Accepting a rule's dispute: the rule's new judgement (the comment is its reason) */
            override?: {
                pass: boolean;
                score: number;
            };
        };
        QaDisputeResolveRequestInput: {
            /** @description The reviewer's answer (free text, sealed at rest; at most 2000 characters) */
            comment: string;
            /** @enum {string} */
            outcome: "accepted" | "rejected";
            /** @description Accepting a rule's dispute: the rule's new judgement (the comment is its reason) */
            override?: {
                pass: boolean;
                score: number;
            };
        };
        QaEffectiveFigures: {
            grade: ("A" | "B" | "C" | "D" | "E") | null;
            machineGrade: ("A" | "B" | "C" | "D" | "E") | null;
            machineQaScore: number | null;
            qaScore: number | null;
        };
        QaEffectiveFiguresInput: {
            grade: ("A" | "B" | "C" | "D" | "E") | null;
            machineGrade: ("A" | "B" | "C" | "D" | "E") | null;
            machineQaScore: number | null;
            qaScore: number | null;
        };
        QaEvaluation: {
            autoFailed: boolean;
            autoFailedBy: string[];
            categories: {
                category: string;
                score: number | null;
                weight: number;
            }[];
            complete: boolean;
            grade: ("A" | "B" | "C" | "D" | "E") | null;
            /** @description The analysis' own figures before reviewers' overrides (score, grade above are effective) */
            machine?: {
                grade: ("A" | "B" | "C" | "D" | "E") | null;
                score: number | null;
            };
            /** @description True when at least one rule was overridden */
            reviewed?: boolean;
            rules: {
                autoFail: boolean;
                category: string;
                coachNote: string;
                evidence: {
                    endMs: number;
                    quote: string;
                    segmentId: string | null;
                    speaker: string | null;
                    startMs: number;
                }[];
                /** @enum {string} */
                kind: "llm" | "deterministic";
                name: string;
                /** @description Present when a reviewer overrode the rule: score and pass above are the reviewer's */
                override?: components["schemas"]["QaOverrideMark"];
                pass: boolean | null;
                ruleId: string;
                score: number | null;
                /** @enum {string} */
                status: "evaluated" | "pending" | "not_applicable";
                weight: number;
            }[];
            score: number | null;
            scorecardId: string;
            scorecardVersion: number;
            weightedScore: number | null;
        };
        QaEvaluationInput: {
            autoFailed: boolean;
            autoFailedBy: string[];
            categories: {
                category: string;
                score: number | null;
                weight: number;
            }[];
            complete: boolean;
            grade: ("A" | "B" | "C" | "D" | "E") | null;
            /** @description The analysis' own figures before reviewers' overrides (score, grade above are effective) */
            machine?: {
                grade: ("A" | "B" | "C" | "D" | "E") | null;
                score: number | null;
            };
            /** @description True when at least one rule was overridden */
            reviewed?: boolean;
            rules: {
                autoFail: boolean;
                category: string;
                coachNote: string;
                evidence: {
                    endMs: number;
                    quote: string;
                    segmentId: string | null;
                    speaker: string | null;
                    startMs: number;
                }[];
                /** @enum {string} */
                kind: "llm" | "deterministic";
                name: string;
                /** @description Present when a reviewer overrode the rule: score and pass above are the reviewer's */
                override?: components["schemas"]["QaOverrideMarkInput"];
                pass: boolean | null;
                ruleId: string;
                score: number | null;
                /** @enum {string} */
                status: "evaluated" | "pending" | "not_applicable";
                weight: number;
            }[];
            score: number | null;
            scorecardId: string;
            scorecardVersion: number;
            weightedScore: number | null;
        };
        QaOverrideMark: {
            at: string;
            originalPass: boolean | null;
            originalScore: number | null;
            /** @enum {string} */
            originalStatus: "evaluated" | "pending" | "not_applicable";
            reviewer: string;
            reviewId: string;
        };
        QaOverrideMarkInput: {
            at: string;
            originalPass: boolean | null;
            originalScore: number | null;
            /** @enum {string} */
            originalStatus: "evaluated" | "pending" | "not_applicable";
            reviewer: string;
            reviewId: string;
        };
        QaReview: {
            analysisId: string;
            createdAt: string;
            /** @description The dispute whose acceptance made this override */
            disputeId: string | null;
            /** @description review_… */
            id: string;
            /** @description The machine's judgement of the rule */
            original: {
                pass: boolean | null;
                score: number | null;
                /** @enum {string} */
                status: "evaluated" | "pending" | "not_applicable";
            };
            pass: boolean;
            reason: string;
            recordingId: string;
            /** @description The actor id of the reviewer */
            reviewer: string;
            ruleId: string;
            score: number;
        };
        QaReviewHistory: {
            /** @description The current analysis: reviews belong to the analysis they were made on */
            analysisId: string;
            disputes: components["schemas"]["QaDispute"][];
            effective: {
                grade: ("A" | "B" | "C" | "D" | "E") | null;
                qaScore: number | null;
            };
            machine: {
                grade: ("A" | "B" | "C" | "D" | "E") | null;
                qaScore: number | null;
            };
            reviews: components["schemas"]["QaReview"][];
        };
        QaReviewHistoryInput: {
            /** @description The current analysis: reviews belong to the analysis they were made on */
            analysisId: string;
            disputes: components["schemas"]["QaDisputeInput"][];
            effective: {
                grade: ("A" | "B" | "C" | "D" | "E") | null;
                qaScore: number | null;
            };
            machine: {
                grade: ("A" | "B" | "C" | "D" | "E") | null;
                qaScore: number | null;
            };
            reviews: components["schemas"]["QaReviewInput"][];
        };
        QaReviewInput: {
            analysisId: string;
            createdAt: string;
            /** @description The dispute whose acceptance made this override */
            disputeId: string | null;
            /** @description review_… */
            id: string;
            /** @description The machine's judgement of the rule */
            original: {
                pass: boolean | null;
                score: number | null;
                /** @enum {string} */
                status: "evaluated" | "pending" | "not_applicable";
            };
            pass: boolean;
            reason: string;
            recordingId: string;
            /** @description The actor id of the reviewer */
            reviewer: string;
            ruleId: string;
            score: number;
        };
        QaRuleOverridden: {
            effective: components["schemas"]["QaEffectiveFigures"];
            review: components["schemas"]["QaReview"];
        };
        QaRuleOverriddenInput: {
            effective: components["schemas"]["QaEffectiveFiguresInput"];
            review: components["schemas"]["QaReviewInput"];
        };
        QaRuleOverrideRequest: {
            pass: boolean;
            /** @description Why the machine was wrong (free text, sealed at rest; at most 2000 characters) */
            reason: string;
            /** @description The rule score the reviewer gives, 0..100 */
            score: number;
        };
        QaRuleOverrideRequestInput: {
            pass: boolean;
            /** @description Why the machine was wrong (free text, sealed at rest; at most 2000 characters) */
            reason: string;
            /** @description The rule score the reviewer gives, 0..100 */
            score: number;
        };
        QualityDashboard: {
            agents: {
                /** @description Blind index of the agent as hex; null: calls without an agent */
                agentKey: string | null;
                calls: number;
                grades: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                    E: number;
                    ungraded: number;
                };
                /** @description The agent's name (or id) from the newest call's metadata */
                name: string | null;
                /** @description Share of calls whose overall sentiment is -0.1 or lower */
                negativeShare: number | null;
                /** @description Mean QA score (0..100) of the scored calls */
                qaAverage: number | null;
                /** @description The value of GET /recordings?agent= that lists this agent's calls */
                recordingsFilter: string | null;
                /** @description Calls with a QA score */
                scored: number;
                /** @description Mean of the calls’ overall sentiment (-1..1) */
                sentimentAverage: number | null;
            }[];
            categories: {
                calls: number;
                label: string;
            }[];
            intents: {
                calls: number;
                label: string;
            }[];
            intervals: {
                calls: number;
                grades: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                    E: number;
                    ungraded: number;
                };
                /** @description First day of the interval on the tenant's calendar (YYYY-MM-DD) */
                localStart: string;
                /** @description Share of calls whose overall sentiment is -0.1 or lower */
                negativeShare: number | null;
                /** @description Mean QA score (0..100) of the scored calls */
                qaAverage: number | null;
                /** @description Calls with a QA score */
                scored: number;
                /** @description Mean of the calls’ overall sentiment (-1..1) */
                sentimentAverage: number | null;
                /** @description UTC instant of the local interval start */
                start: string;
            }[];
            outliers: {
                interruptions: {
                    calls: {
                        agent: {
                            /** @description Blind index of the agent as hex; null: calls without an agent */
                            agentKey: string | null;
                            /** @description The agent's name (or id) from the newest call's metadata */
                            name: string | null;
                            /** @description The value of GET /recordings?agent= that lists this agent's calls */
                            recordingsFilter: string | null;
                        };
                        analysisId: string;
                        grade: string | null;
                        qaScore: number | null;
                        queue: string | null;
                        recordingId: string;
                        startedAt: string;
                        team: string | null;
                        value: number;
                    }[];
                    /** @description 95th percentile of the measure over the calls in scope */
                    p95: number | null;
                    /** @description The fixed threshold asked for */
                    threshold: number;
                };
                silence: {
                    calls: {
                        agent: {
                            /** @description Blind index of the agent as hex; null: calls without an agent */
                            agentKey: string | null;
                            /** @description The agent's name (or id) from the newest call's metadata */
                            name: string | null;
                            /** @description The value of GET /recordings?agent= that lists this agent's calls */
                            recordingsFilter: string | null;
                        };
                        analysisId: string;
                        grade: string | null;
                        qaScore: number | null;
                        queue: string | null;
                        recordingId: string;
                        startedAt: string;
                        team: string | null;
                        value: number;
                    }[];
                    /** @description 95th percentile of the measure over the calls in scope */
                    p95: number | null;
                    /** @description The fixed threshold asked for */
                    threshold: number;
                };
            };
            range: {
                from: string;
                /** @enum {string} */
                interval: "week" | "day";
                timeZone: string;
                to: string;
            };
            teams: {
                calls: number;
                grades: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                    E: number;
                    ungraded: number;
                };
                /** @description Share of calls whose overall sentiment is -0.1 or lower */
                negativeShare: number | null;
                /** @description Mean QA score (0..100) of the scored calls */
                qaAverage: number | null;
                /** @description Calls with a QA score */
                scored: number;
                /** @description Mean of the calls’ overall sentiment (-1..1) */
                sentimentAverage: number | null;
                team: string | null;
            }[];
            topics: {
                calls: number;
                label: string;
            }[];
            totals: {
                calls: number;
                grades: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                    E: number;
                    ungraded: number;
                };
                /** @description Share of calls whose overall sentiment is -0.1 or lower */
                negativeShare: number | null;
                /** @description Mean QA score (0..100) of the scored calls */
                qaAverage: number | null;
                /** @description Calls with a QA score */
                scored: number;
                /** @description Mean of the calls’ overall sentiment (-1..1) */
                sentimentAverage: number | null;
            };
        };
        QualityDashboardInput: {
            agents: {
                /** @description Blind index of the agent as hex; null: calls without an agent */
                agentKey: string | null;
                calls: number;
                grades: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                    E: number;
                    ungraded: number;
                };
                /** @description The agent's name (or id) from the newest call's metadata */
                name: string | null;
                /** @description Share of calls whose overall sentiment is -0.1 or lower */
                negativeShare: number | null;
                /** @description Mean QA score (0..100) of the scored calls */
                qaAverage: number | null;
                /** @description The value of GET /recordings?agent= that lists this agent's calls */
                recordingsFilter: string | null;
                /** @description Calls with a QA score */
                scored: number;
                /** @description Mean of the calls’ overall sentiment (-1..1) */
                sentimentAverage: number | null;
            }[];
            categories: {
                calls: number;
                label: string;
            }[];
            intents: {
                calls: number;
                label: string;
            }[];
            intervals: {
                calls: number;
                grades: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                    E: number;
                    ungraded: number;
                };
                /** @description First day of the interval on the tenant's calendar (YYYY-MM-DD) */
                localStart: string;
                /** @description Share of calls whose overall sentiment is -0.1 or lower */
                negativeShare: number | null;
                /** @description Mean QA score (0..100) of the scored calls */
                qaAverage: number | null;
                /** @description Calls with a QA score */
                scored: number;
                /** @description Mean of the calls’ overall sentiment (-1..1) */
                sentimentAverage: number | null;
                /** @description UTC instant of the local interval start */
                start: string;
            }[];
            outliers: {
                interruptions: {
                    calls: {
                        agent: {
                            /** @description Blind index of the agent as hex; null: calls without an agent */
                            agentKey: string | null;
                            /** @description The agent's name (or id) from the newest call's metadata */
                            name: string | null;
                            /** @description The value of GET /recordings?agent= that lists this agent's calls */
                            recordingsFilter: string | null;
                        };
                        analysisId: string;
                        grade: string | null;
                        qaScore: number | null;
                        queue: string | null;
                        recordingId: string;
                        startedAt: string;
                        team: string | null;
                        value: number;
                    }[];
                    /** @description 95th percentile of the measure over the calls in scope */
                    p95: number | null;
                    /** @description The fixed threshold asked for */
                    threshold: number;
                };
                silence: {
                    calls: {
                        agent: {
                            /** @description Blind index of the agent as hex; null: calls without an agent */
                            agentKey: string | null;
                            /** @description The agent's name (or id) from the newest call's metadata */
                            name: string | null;
                            /** @description The value of GET /recordings?agent= that lists this agent's calls */
                            recordingsFilter: string | null;
                        };
                        analysisId: string;
                        grade: string | null;
                        qaScore: number | null;
                        queue: string | null;
                        recordingId: string;
                        startedAt: string;
                        team: string | null;
                        value: number;
                    }[];
                    /** @description 95th percentile of the measure over the calls in scope */
                    p95: number | null;
                    /** @description The fixed threshold asked for */
                    threshold: number;
                };
            };
            range: {
                from: string;
                /** @enum {string} */
                interval: "week" | "day";
                timeZone: string;
                to: string;
            };
            teams: {
                calls: number;
                grades: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                    E: number;
                    ungraded: number;
                };
                /** @description Share of calls whose overall sentiment is -0.1 or lower */
                negativeShare: number | null;
                /** @description Mean QA score (0..100) of the scored calls */
                qaAverage: number | null;
                /** @description Calls with a QA score */
                scored: number;
                /** @description Mean of the calls’ overall sentiment (-1..1) */
                sentimentAverage: number | null;
                team: string | null;
            }[];
            topics: {
                calls: number;
                label: string;
            }[];
            totals: {
                calls: number;
                grades: {
                    A: number;
                    B: number;
                    C: number;
                    D: number;
                    E: number;
                    ungraded: number;
                };
                /** @description Share of calls whose overall sentiment is -0.1 or lower */
                negativeShare: number | null;
                /** @description Mean QA score (0..100) of the scored calls */
                qaAverage: number | null;
                /** @description Calls with a QA score */
                scored: number;
                /** @description Mean of the calls’ overall sentiment (-1..1) */
                sentimentAverage: number | null;
            };
        };
        /**
         * @description Why the item was quarantined, as a stable category: unreadable_time (a date or time field), missing_field, invalid_number, unknown_value (a value the connector does not know), unknown_format (not what the source sends), payload_too_large, schema_rejected (the normalised call broke the call record schema), signature_invalid, not_supported, incomplete_call, connector_error (a bug), other (anything else, and items from before categories)
         * @enum {string}
         */
        QuarantineCategory: "unreadable_time" | "missing_field" | "invalid_number" | "unknown_value" | "unknown_format" | "payload_too_large" | "schema_rejected" | "signature_invalid" | "not_supported" | "incomplete_call" | "connector_error" | "other";
        /**
         * @description Why the item was quarantined, as a stable category: unreadable_time (a date or time field), missing_field, invalid_number, unknown_value (a value the connector does not know), unknown_format (not what the source sends), payload_too_large, schema_rejected (the normalised call broke the call record schema), signature_invalid, not_supported, incomplete_call, connector_error (a bug), other (anything else, and items from before categories)
         * @enum {string}
         */
        QuarantineCategoryInput: "unreadable_time" | "missing_field" | "invalid_number" | "unknown_value" | "unknown_format" | "payload_too_large" | "schema_rejected" | "signature_invalid" | "not_supported" | "incomplete_call" | "connector_error" | "other";
        QuarantinedPayload: {
            category: components["schemas"]["QuarantineCategory"];
            /** @description The field at fault, as the source names it, when one is */
            field: string | null;
            /** @description qua_... */
            id: string;
            lastReplayError: string | null;
            /** @description the connector options the delivery was read with (timeZone, column layout...); a replay reads the item with them */
            options: {
                [key: string]: unknown;
            };
            rawBytes: number | null;
            rawObjectKey: string | null;
            rawSha256: string | null;
            /** @description The connector’s own words, naming the value it could not read (for engineers) */
            reason: string;
            receivedAt: string;
            replayAttempts: number;
            replayedAt: string | null;
            source: string;
            /** @enum {string} */
            status: "open" | "replayed";
        };
        QuarantinedPayloadInput: {
            category: components["schemas"]["QuarantineCategoryInput"];
            /** @description The field at fault, as the source names it, when one is */
            field: string | null;
            /** @description qua_... */
            id: string;
            lastReplayError: string | null;
            /** @description the connector options the delivery was read with (timeZone, column layout...); a replay reads the item with them */
            options: {
                [key: string]: unknown;
            };
            rawBytes: number | null;
            rawObjectKey: string | null;
            rawSha256: string | null;
            /** @description The connector’s own words, naming the value it could not read (for engineers) */
            reason: string;
            receivedAt: string;
            replayAttempts: number;
            replayedAt: string | null;
            source: string;
            /** @enum {string} */
            status: "open" | "replayed";
        };
        QuarantineReplay: {
            /** @description call_... ids of every call the payload now yields */
            callIds: string[];
            /** @description Calls new to the index */
            created: number;
            item: components["schemas"]["QuarantinedPayload"];
            /** @constant */
            status: "replayed";
            /** @description Calls already stored exactly like this */
            unchanged: number;
            /** @description Calls whose stored record this replay replaced */
            updated: number;
        };
        QuarantineReplayInput: {
            /** @description call_... ids of every call the payload now yields */
            callIds: string[];
            /** @description Calls new to the index */
            created: number;
            item: components["schemas"]["QuarantinedPayloadInput"];
            /** @constant */
            status: "replayed";
            /** @description Calls already stored exactly like this */
            unchanged: number;
            /** @description Calls whose stored record this replay replaced */
            updated: number;
        };
        QuarantineSummary: {
            /** @description Largest first; categories without items are left out */
            categories: {
                category: components["schemas"]["QuarantineCategory"];
                count: number;
            }[];
            /** @description Items of the status (open by default), all categories */
            total: number;
        };
        QuarantineSummaryInput: {
            /** @description Largest first; categories without items are left out */
            categories: {
                category: components["schemas"]["QuarantineCategoryInput"];
                count: number;
            }[];
            /** @description Items of the status (open by default), all categories */
            total: number;
        };
        QueueTargets: {
            default: {
                /** @description true while the tenant has not set its own default */
                builtIn: boolean;
                serviceLevelGoal: number;
                serviceLevelSeconds: number;
                shortAbandonSeconds: number;
            };
            queues: {
                queueId: string;
                serviceLevelGoal: number;
                serviceLevelSeconds: number;
                shortAbandonSeconds: number;
            }[];
        };
        QueueTargetsInput: {
            default: {
                /** @description true while the tenant has not set its own default */
                builtIn: boolean;
                serviceLevelGoal: number;
                serviceLevelSeconds: number;
                shortAbandonSeconds: number;
            };
            queues: {
                queueId: string;
                serviceLevelGoal: number;
                serviceLevelSeconds: number;
                shortAbandonSeconds: number;
            }[];
        };
        ReanalysisAccepted: {
            /** @description ana_…: the id the analysis will have in GET …/analyses */
            analysisId: string;
            recordingId: string;
            /** @constant */
            state: "queued";
        };
        ReanalysisAcceptedInput: {
            /** @description ana_…: the id the analysis will have in GET …/analyses */
            analysisId: string;
            recordingId: string;
            /** @constant */
            state: "queued";
        };
        RecordingAudioLink: {
            expiresAt: string;
            /** @description Signed, short-lived link to the audio */
            url: string;
            /** @enum {string} */
            variant: "redacted" | "original";
        };
        RecordingAudioLinkInput: {
            expiresAt: string;
            /** @description Signed, short-lived link to the audio */
            url: string;
            /** @enum {string} */
            variant: "redacted" | "original";
        };
        RecordingCharacteristics: {
            durationMs: number;
            interruptions: {
                atMs: number;
                durationMs: number;
                interrupted: string;
                interrupter: string;
            }[];
            /** @description Per speaker, in the order of speakers: level while speaking (dBFS), overall and per second */
            loudness?: {
                averageDbfs: number | null;
                perSecondDbfs: (number | null)[];
            }[];
            /** @description Every silence of at least 3 s, start and end of the recording included */
            nonTalk: {
                periods: {
                    durationMs: number;
                    endMs: number;
                    startMs: number;
                }[];
                totalMs: number;
            };
            /** @description Time during which two or more parties talk at once */
            overtalk: {
                periods: {
                    durationMs: number;
                    endMs: number;
                    startMs: number;
                }[];
                totalMs: number;
            };
            speakers: {
                channel: number | null;
                interruptionsMade: number;
                interruptionsSuffered: number;
                longestMonologue: {
                    durationMs: number;
                    endMs: number;
                    startMs: number;
                } | null;
                /** @description When the speaker talked, sorted */
                spans: {
                    endMs: number;
                    startMs: number;
                }[];
                /** @description spk_<n> */
                speaker: string;
                /** @description Share of all talk */
                talkRatio: number;
                /** @description Share of the recording's length */
                talkShareOfCall: number;
                talkTimeMs: number;
            }[];
            /** @description Where the speakers come from: channels of a stereo call, or diarisation of mono */
            speakerSource?: string;
            /** @description Words per minute of talk, by speaker */
            talkSpeedWpm?: {
                [key: string]: number | null;
            };
            /** @description Time during which at least one party talks */
            talkTimeMs: number;
        };
        RecordingCharacteristicsInput: {
            durationMs: number;
            interruptions: {
                atMs: number;
                durationMs: number;
                interrupted: string;
                interrupter: string;
            }[];
            /** @description Per speaker, in the order of speakers: level while speaking (dBFS), overall and per second */
            loudness?: {
                averageDbfs: number | null;
                perSecondDbfs: (number | null)[];
            }[];
            /** @description Every silence of at least 3 s, start and end of the recording included */
            nonTalk: {
                periods: {
                    durationMs: number;
                    endMs: number;
                    startMs: number;
                }[];
                totalMs: number;
            };
            /** @description Time during which two or more parties talk at once */
            overtalk: {
                periods: {
                    durationMs: number;
                    endMs: number;
                    startMs: number;
                }[];
                totalMs: number;
            };
            speakers: {
                channel: number | null;
                interruptionsMade: number;
                interruptionsSuffered: number;
                longestMonologue: {
                    durationMs: number;
                    endMs: number;
                    startMs: number;
                } | null;
                /** @description When the speaker talked, sorted */
                spans: {
                    endMs: number;
                    startMs: number;
                }[];
                /** @description spk_<n> */
                speaker: string;
                /** @description Share of all talk */
                talkRatio: number;
                /** @description Share of the recording's length */
                talkShareOfCall: number;
                talkTimeMs: number;
            }[];
            /** @description Where the speakers come from: channels of a stereo call, or diarisation of mono */
            speakerSource?: string;
            /** @description Words per minute of talk, by speaker */
            talkSpeedWpm?: {
                [key: string]: number | null;
            };
            /** @description Time during which at least one party talks */
            talkTimeMs: number;
        };
        RecordingDetail: {
            /** @description The audio as received; null for a transcript-only recording or while uploading */
            audio: {
                bytes: number;
                contentType: string;
                sha256: string;
            } | null;
            /** @description call_...: the call record it belongs to, when known or found */
            callId: string | null;
            /** @description How the call was found: given in the metadata, by the source call id, or by a party number and start time */
            callLink: ("given" | "source_call_id" | "numbers_and_time") | null;
            channels: number | null;
            codec: string | null;
            createdAt: string;
            /** @enum {string} */
            direction: "inbound" | "outbound" | "internal" | "unknown";
            durationMs: number | null;
            /** @description Why it failed (state failed) */
            failure: {
                code: string;
                reason: string | null;
            } | null;
            hasRedactedAudio: boolean;
            hasSuppliedTranscript: boolean;
            /** @description rec_... */
            id: string;
            language: string | null;
            /** @description The metadata as delivered (parties, agent, ...), unsealed for the reader */
            metadata: components["schemas"]["RecordingMetadata"];
            queue: string | null;
            /** @description Pipeline runs, newest first */
            runs: {
                failure: {
                    code: string;
                    reason: string | null;
                } | null;
                finishedAt: string | null;
                /** @description run_... */
                id: string;
                /** @enum {string} */
                reason: "received" | "rerun";
                startedAt: string;
                /** @enum {string} */
                state: "running" | "succeeded" | "failed";
                /** @description Per step: name, provider, version, times, outcome */
                steps: unknown;
            }[];
            sampleRate: number | null;
            source: string;
            sourceRecordingId: string;
            startedAt: string | null;
            /** @enum {string} */
            state: "uploading" | "queued" | "processing" | "ready" | "failed";
            tags: string[];
            /** @description The current transcript; null until one exists, or without the permission transcripts:read */
            transcript: {
                /** @description Talk ratios, silences, interruptions, loudness, talk speed; null when not measured */
                characteristics: components["schemas"]["RecordingCharacteristics"] | null;
                createdAt: string;
                durationMs: number | null;
                /** @description trn_... */
                id: string;
                language: string | null;
                provider: string;
                redactionCounts: {
                    [key: string]: number;
                };
                runId: string;
                speakerCount: number;
                /** @description The redacted transcript model (segments with redaction markers, speakers, provenance) */
                transcript: unknown;
            } | null;
            updatedAt: string;
        };
        RecordingDetailInput: {
            /** @description The audio as received; null for a transcript-only recording or while uploading */
            audio: {
                bytes: number;
                contentType: string;
                sha256: string;
            } | null;
            /** @description call_...: the call record it belongs to, when known or found */
            callId: string | null;
            /** @description How the call was found: given in the metadata, by the source call id, or by a party number and start time */
            callLink: ("given" | "source_call_id" | "numbers_and_time") | null;
            channels: number | null;
            codec: string | null;
            createdAt: string;
            /** @enum {string} */
            direction: "inbound" | "outbound" | "internal" | "unknown";
            durationMs: number | null;
            /** @description Why it failed (state failed) */
            failure: {
                code: string;
                reason: string | null;
            } | null;
            hasRedactedAudio: boolean;
            hasSuppliedTranscript: boolean;
            /** @description rec_... */
            id: string;
            language: string | null;
            /** @description The metadata as delivered (parties, agent, ...), unsealed for the reader */
            metadata: components["schemas"]["RecordingMetadataInput"];
            queue: string | null;
            /** @description Pipeline runs, newest first */
            runs: {
                failure: {
                    code: string;
                    reason: string | null;
                } | null;
                finishedAt: string | null;
                /** @description run_... */
                id: string;
                /** @enum {string} */
                reason: "received" | "rerun";
                startedAt: string;
                /** @enum {string} */
                state: "running" | "succeeded" | "failed";
                /** @description Per step: name, provider, version, times, outcome */
                steps: unknown;
            }[];
            sampleRate: number | null;
            source: string;
            sourceRecordingId: string;
            startedAt: string | null;
            /** @enum {string} */
            state: "uploading" | "queued" | "processing" | "ready" | "failed";
            tags: string[];
            /** @description The current transcript; null until one exists, or without the permission transcripts:read */
            transcript: {
                /** @description Talk ratios, silences, interruptions, loudness, talk speed; null when not measured */
                characteristics: components["schemas"]["RecordingCharacteristicsInput"] | null;
                createdAt: string;
                durationMs: number | null;
                /** @description trn_... */
                id: string;
                language: string | null;
                provider: string;
                redactionCounts: {
                    [key: string]: number;
                };
                runId: string;
                speakerCount: number;
                /** @description The redacted transcript model (segments with redaction markers, speakers, provenance) */
                transcript: unknown;
            } | null;
            updatedAt: string;
        };
        RecordingMetadata: {
            agent?: {
                id?: string;
                name?: string;
            };
            /** @description call_...: the call record this recording belongs to */
            callId?: string;
            /** @enum {string} */
            direction?: "inbound" | "outbound" | "internal" | "unknown";
            language?: string;
            parties?: {
                /** @description 0-based audio channel of this party in a multi-channel recording */
                channel?: number;
                name?: string;
                /** @description E.164 (+4930123456; spaces, dashes and brackets ignored), an extension or a SIP URI */
                number?: string;
                /** @enum {string} */
                role?: "agent" | "customer";
            }[];
            queue?: string;
            /** @description Where the recording comes from: upload, genesys, connect, asterisk... */
            source: string;
            /** @description The source's id of the call: links the recording to the call record with it */
            sourceCallId?: string;
            /** @description The source's id of the recording; with source, the key of idempotent re-delivery */
            sourceRecordingId: string;
            /** Format: date-time */
            startedAt?: string;
            tags?: string[];
            /** @description The team the agent belongs to (not personal, kept plain): quality dashboards group by it */
            team?: string;
        };
        RecordingMetadataInput: {
            agent?: {
                id?: string;
                name?: string;
            };
            /** @description call_...: the call record this recording belongs to */
            callId?: string;
            /** @enum {string} */
            direction?: "inbound" | "outbound" | "internal" | "unknown";
            language?: string;
            parties?: {
                /** @description 0-based audio channel of this party in a multi-channel recording */
                channel?: number;
                name?: string;
                /** @description E.164 (+4930123456; spaces, dashes and brackets ignored), an extension or a SIP URI */
                number?: string;
                /** @enum {string} */
                role?: "agent" | "customer";
            }[];
            queue?: string;
            /** @description Where the recording comes from: upload, genesys, connect, asterisk... */
            source: string;
            /** @description The source's id of the call: links the recording to the call record with it */
            sourceCallId?: string;
            /** @description The source's id of the recording; with source, the key of idempotent re-delivery */
            sourceRecordingId: string;
            /** Format: date-time */
            startedAt?: string;
            tags?: string[];
            /** @description The team the agent belongs to (not personal, kept plain): quality dashboards group by it */
            team?: string;
        };
        RecordingRerun: {
            /** @description Language of the recording for this run only */
            language?: string;
            /** @description Transcription provider for this run only */
            provider?: string;
        };
        RecordingRerunInput: {
            /** @description Language of the recording for this run only */
            language?: string;
            /** @description Transcription provider for this run only */
            provider?: string;
        };
        RecordingRun: {
            failureCode: string | null;
            /** @description Why the run failed, in words a user can act on */
            failureReason: string | null;
            finishedAt: string | null;
            /** @description run_... */
            id: string;
            options: {
                language?: string;
                provider?: string;
            };
            /** @enum {string} */
            reason: "received" | "rerun";
            /** @description rec_... */
            recordingId: string;
            startedAt: string;
            /** @enum {string} */
            state: "running" | "succeeded" | "failed";
            /** @description What each step did: provider, version and configuration hash */
            steps: {
                configHash: string;
                detail?: {
                    [key: string]: unknown;
                };
                finishedAt: string;
                name: string;
                /** @enum {string} */
                outcome: "done" | "skipped" | "failed";
                provider: string;
                startedAt: string;
                version: string;
            }[];
        };
        RecordingRunInput: {
            failureCode: string | null;
            /** @description Why the run failed, in words a user can act on */
            failureReason: string | null;
            finishedAt: string | null;
            /** @description run_... */
            id: string;
            options: {
                language?: string;
                provider?: string;
            };
            /** @enum {string} */
            reason: "received" | "rerun";
            /** @description rec_... */
            recordingId: string;
            startedAt: string;
            /** @enum {string} */
            state: "running" | "succeeded" | "failed";
            /** @description What each step did: provider, version and configuration hash */
            steps: {
                configHash: string;
                detail?: {
                    [key: string]: unknown;
                };
                finishedAt: string;
                name: string;
                /** @enum {string} */
                outcome: "done" | "skipped" | "failed";
                provider: string;
                startedAt: string;
                version: string;
            }[];
        };
        RecordingSource: {
            /** @description Twilio: set this as the recordingStatusCallback URL (push instead of waiting for the timer) */
            callbackUrl: string | null;
            /** @description As stored; secrets appear by name only */
            config: {
                [key: string]: unknown;
            };
            createdAt: string;
            cursor: {
                duplicatesTotal: number;
                failedTotal: number;
                highWaterMark: string;
                importedTotal: number;
                lastSuccessAt: string | null;
            } | null;
            enabled: boolean;
            /** @description recsrc_... */
            id: string;
            /** @enum {string} */
            kind: "rest" | "twilio" | "3cx";
            lastRun: {
                at: string;
                error: string | null;
                status: string;
            } | null;
            name: string;
            nextRunAt: string | null;
            /** @description The recordings' `source`: twilio, 3cx, or the REST connector's name */
            recordingSource: string;
            schedule: {
                firstRunMinutes: number;
                intervalMinutes: number;
                lookBackMinutes: number;
                maxHoldBackMinutes: number;
                maxWindowMinutes: number;
                settleSeconds: number;
            };
            /** @description The secrets the configuration names, and whether each is set (values are never returned) */
            secrets: {
                field: string;
                name: string;
                set: boolean;
            }[];
            updatedAt: string;
        };
        RecordingSourceInput: {
            /** @description Twilio: set this as the recordingStatusCallback URL (push instead of waiting for the timer) */
            callbackUrl: string | null;
            /** @description As stored; secrets appear by name only */
            config: {
                [key: string]: unknown;
            };
            createdAt: string;
            cursor: {
                duplicatesTotal: number;
                failedTotal: number;
                highWaterMark: string;
                importedTotal: number;
                lastSuccessAt: string | null;
            } | null;
            enabled: boolean;
            /** @description recsrc_... */
            id: string;
            /** @enum {string} */
            kind: "rest" | "twilio" | "3cx";
            lastRun: {
                at: string;
                error: string | null;
                status: string;
            } | null;
            name: string;
            nextRunAt: string | null;
            /** @description The recordings' `source`: twilio, 3cx, or the REST connector's name */
            recordingSource: string;
            schedule: {
                firstRunMinutes: number;
                intervalMinutes: number;
                lookBackMinutes: number;
                maxHoldBackMinutes: number;
                maxWindowMinutes: number;
                settleSeconds: number;
            };
            /** @description The secrets the configuration names, and whether each is set (values are never returned) */
            secrets: {
                field: string;
                name: string;
                set: boolean;
            }[];
            updatedAt: string;
        };
        RecordingSourceRun: {
            duplicates: number;
            error: {
                code: string;
                message: string;
            } | null;
            failed: number;
            failures: {
                message: string;
                sourceRecordingId: string;
                transient: boolean;
            }[];
            fetched: number;
            finishedAt: string | null;
            /** @description pullrun_... */
            id: string;
            imported: number;
            skipped: {
                reason: string;
                sourceRecordingId: string;
            }[];
            sourceId: string;
            startedAt: string;
            /** @enum {string} */
            state: "running" | "succeeded" | "partial" | "failed" | "abandoned";
            /** @enum {string} */
            trigger: "timer" | "manual" | "callback";
            window: {
                since: string;
                until: string;
            } | null;
        };
        RecordingSourceRunInput: {
            duplicates: number;
            error: {
                code: string;
                message: string;
            } | null;
            failed: number;
            failures: {
                message: string;
                sourceRecordingId: string;
                transient: boolean;
            }[];
            fetched: number;
            finishedAt: string | null;
            /** @description pullrun_... */
            id: string;
            imported: number;
            skipped: {
                reason: string;
                sourceRecordingId: string;
            }[];
            sourceId: string;
            startedAt: string;
            /** @enum {string} */
            state: "running" | "succeeded" | "partial" | "failed" | "abandoned";
            /** @enum {string} */
            trigger: "timer" | "manual" | "callback";
            window: {
                since: string;
                until: string;
            } | null;
        };
        RecordingSummary: {
            /** @description The audio as received; null for a transcript-only recording or while uploading */
            audio: {
                bytes: number;
                contentType: string;
                sha256: string;
            } | null;
            /** @description call_...: the call record it belongs to, when known or found */
            callId: string | null;
            /** @description How the call was found: given in the metadata, by the source call id, or by a party number and start time */
            callLink: ("given" | "source_call_id" | "numbers_and_time") | null;
            channels: number | null;
            codec: string | null;
            createdAt: string;
            /** @enum {string} */
            direction: "inbound" | "outbound" | "internal" | "unknown";
            durationMs: number | null;
            /** @description Why it failed (state failed) */
            failure: {
                code: string;
                reason: string | null;
            } | null;
            hasRedactedAudio: boolean;
            hasSuppliedTranscript: boolean;
            /** @description rec_... */
            id: string;
            language: string | null;
            queue: string | null;
            sampleRate: number | null;
            source: string;
            sourceRecordingId: string;
            startedAt: string | null;
            /** @enum {string} */
            state: "uploading" | "queued" | "processing" | "ready" | "failed";
            tags: string[];
            updatedAt: string;
        };
        RecordingSummaryInput: {
            /** @description The audio as received; null for a transcript-only recording or while uploading */
            audio: {
                bytes: number;
                contentType: string;
                sha256: string;
            } | null;
            /** @description call_...: the call record it belongs to, when known or found */
            callId: string | null;
            /** @description How the call was found: given in the metadata, by the source call id, or by a party number and start time */
            callLink: ("given" | "source_call_id" | "numbers_and_time") | null;
            channels: number | null;
            codec: string | null;
            createdAt: string;
            /** @enum {string} */
            direction: "inbound" | "outbound" | "internal" | "unknown";
            durationMs: number | null;
            /** @description Why it failed (state failed) */
            failure: {
                code: string;
                reason: string | null;
            } | null;
            hasRedactedAudio: boolean;
            hasSuppliedTranscript: boolean;
            /** @description rec_... */
            id: string;
            language: string | null;
            queue: string | null;
            sampleRate: number | null;
            source: string;
            sourceRecordingId: string;
            startedAt: string | null;
            /** @enum {string} */
            state: "uploading" | "queued" | "processing" | "ready" | "failed";
            tags: string[];
            updatedAt: string;
        };
        RecordingUploadTicket: {
            expiresAt: string | null;
            recording: components["schemas"]["RecordingSummary"];
            /** @description rec_... */
            recordingId: string;
            /** @description PUT the audio bytes here (no other credentials); null when the recording was received already */
            uploadUrl: string | null;
        };
        RecordingUploadTicketInput: {
            expiresAt: string | null;
            recording: components["schemas"]["RecordingSummaryInput"];
            /** @description rec_... */
            recordingId: string;
            /** @description PUT the audio bytes here (no other credentials); null when the recording was received already */
            uploadUrl: string | null;
        };
        RescoreAccepted: {
            cancelRequested: boolean;
            /** @description true: a job for the same range, queue and scope was running; this is that job */
            coalesced: boolean;
            createdAt: string;
            done: number;
            error: string | null;
            failed: number;
            /** @description Why recordings failed (the first 100) */
            failures: {
                reason: string;
                recordingId: string;
            }[];
            finishedAt: string | null;
            from: string;
            /** @description rescore_… */
            id: string;
            queue: string | null;
            requestedBy: string;
            /** @enum {string} */
            scope: "qa" | "full";
            /** @enum {string} */
            state: "running" | "succeeded" | "failed" | "cancelled";
            to: string;
            /** @description Recordings in the range with a transcript; null until counted */
            total: number | null;
            updatedAt: string;
        };
        RescoreAcceptedInput: {
            cancelRequested: boolean;
            /** @description true: a job for the same range, queue and scope was running; this is that job */
            coalesced: boolean;
            createdAt: string;
            done: number;
            error: string | null;
            failed: number;
            /** @description Why recordings failed (the first 100) */
            failures: {
                reason: string;
                recordingId: string;
            }[];
            finishedAt: string | null;
            from: string;
            /** @description rescore_… */
            id: string;
            queue: string | null;
            requestedBy: string;
            /** @enum {string} */
            scope: "qa" | "full";
            /** @enum {string} */
            state: "running" | "succeeded" | "failed" | "cancelled";
            to: string;
            /** @description Recordings in the range with a transcript; null until counted */
            total: number | null;
            updatedAt: string;
        };
        RescoreJob: {
            cancelRequested: boolean;
            createdAt: string;
            done: number;
            error: string | null;
            failed: number;
            /** @description Why recordings failed (the first 100) */
            failures: {
                reason: string;
                recordingId: string;
            }[];
            finishedAt: string | null;
            from: string;
            /** @description rescore_… */
            id: string;
            queue: string | null;
            requestedBy: string;
            /** @enum {string} */
            scope: "qa" | "full";
            /** @enum {string} */
            state: "running" | "succeeded" | "failed" | "cancelled";
            to: string;
            /** @description Recordings in the range with a transcript; null until counted */
            total: number | null;
            updatedAt: string;
        };
        RescoreJobInput: {
            cancelRequested: boolean;
            createdAt: string;
            done: number;
            error: string | null;
            failed: number;
            /** @description Why recordings failed (the first 100) */
            failures: {
                reason: string;
                recordingId: string;
            }[];
            finishedAt: string | null;
            from: string;
            /** @description rescore_… */
            id: string;
            queue: string | null;
            requestedBy: string;
            /** @enum {string} */
            scope: "qa" | "full";
            /** @enum {string} */
            state: "running" | "succeeded" | "failed" | "cancelled";
            to: string;
            /** @description Recordings in the range with a transcript; null until counted */
            total: number | null;
            updatedAt: string;
        };
        RescoreRequest: {
            /**
             * Format: date-time
             * @description Recordings that started at or after this time
             */
            from: string;
            /** @description Only recordings of this queue */
            queue?: string;
            /**
             * @description qa: evaluate the scorecard that applies now over the current analysis (no analyser, no LLM); full: analyse everything again
             * @default qa
             * @enum {string}
             */
            scope: "qa" | "full";
            /**
             * Format: date-time
             * @description … and before this time
             */
            to: string;
        };
        RescoreRequestInput: {
            /**
             * Format: date-time
             * @description Recordings that started at or after this time
             */
            from: string;
            /** @description Only recordings of this queue */
            queue?: string;
            /**
             * @description qa: evaluate the scorecard that applies now over the current analysis (no analyser, no LLM); full: analyse everything again
             * @default qa
             * @enum {string}
             */
            scope: "qa" | "full";
            /**
             * Format: date-time
             * @description … and before this time
             */
            to: string;
        };
        SavedColumnMapping: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            mapping: components["schemas"]["LeadColumnMapping"];
            name: string;
            /** Format: date-time */
            updatedAt: string;
        };
        SavedColumnMappingInput: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            mapping: components["schemas"]["LeadColumnMappingInput"];
            name: string;
            /** Format: date-time */
            updatedAt: string;
        };
        SavedView: {
            createdAt: string;
            /** @description view_... */
            id: string;
            list: string;
            name: string;
            /** @description The list's address query string, without '?' */
            state: string;
            updatedAt: string;
        };
        SavedViewInput: {
            createdAt: string;
            /** @description view_... */
            id: string;
            list: string;
            name: string;
            /** @description The list's address query string, without '?' */
            state: string;
            updatedAt: string;
        };
        Scorecard: {
            /** @description Which calls the scorecard is for; absent: every call (the default scorecard) */
            appliesTo?: components["schemas"]["ScorecardScope"];
            /** @default  */
            description: string;
            name: string;
            rules: components["schemas"]["ScorecardRule"][];
        };
        ScorecardCheck: {
            /**
             * @default any
             * @enum {string}
             */
            match: "any" | "all";
            /** @description Whole words, case and punctuation ignored */
            phrases: string[];
            /**
             * @default agent
             * @enum {string}
             */
            speaker: "agent" | "customer" | "any";
            /** @enum {string} */
            type: "phrase_said" | "phrase_not_said";
            /** @description Only segments starting inside this window count */
            within?: components["schemas"]["AnalysisTimeWindow"];
        } | {
            maxSeconds: number;
            /** @constant */
            type: "max_silence";
        } | {
            maxPercent?: number;
            minPercent?: number;
            /**
             * @default agent
             * @enum {string}
             */
            speaker: "agent" | "customer";
            /** @constant */
            type: "talk_ratio";
        } | {
            /**
             * @default agent
             * @enum {string}
             */
            by: "agent" | "customer";
            max: number;
            /** @constant */
            type: "max_interruptions";
        } | {
            maxSeconds: number;
            /**
             * @default agent
             * @enum {string}
             */
            speaker: "agent" | "customer" | "any";
            /** @constant */
            type: "max_monologue";
        } | {
            /**
             * @default average
             * @enum {string}
             */
            measure: "average" | "every_segment";
            min: number;
            /**
             * @default customer
             * @enum {string}
             */
            speaker: "agent" | "customer";
            /** @constant */
            type: "min_sentiment";
        };
        ScorecardCheckInput: {
            /**
             * @default any
             * @enum {string}
             */
            match: "any" | "all";
            /** @description Whole words, case and punctuation ignored */
            phrases: string[];
            /**
             * @default agent
             * @enum {string}
             */
            speaker: "agent" | "customer" | "any";
            /** @enum {string} */
            type: "phrase_said" | "phrase_not_said";
            /** @description Only segments starting inside this window count */
            within?: components["schemas"]["AnalysisTimeWindowInput"];
        } | {
            maxSeconds: number;
            /** @constant */
            type: "max_silence";
        } | {
            maxPercent?: number;
            minPercent?: number;
            /**
             * @default agent
             * @enum {string}
             */
            speaker: "agent" | "customer";
            /** @constant */
            type: "talk_ratio";
        } | {
            /**
             * @default agent
             * @enum {string}
             */
            by: "agent" | "customer";
            max: number;
            /** @constant */
            type: "max_interruptions";
        } | {
            maxSeconds: number;
            /**
             * @default agent
             * @enum {string}
             */
            speaker: "agent" | "customer" | "any";
            /** @constant */
            type: "max_monologue";
        } | {
            /**
             * @default average
             * @enum {string}
             */
            measure: "average" | "every_segment";
            min: number;
            /**
             * @default customer
             * @enum {string}
             */
            speaker: "agent" | "customer";
            /** @constant */
            type: "min_sentiment";
        };
        ScorecardEvaluation: {
            autoFailed: boolean;
            autoFailedBy: string[];
            categories: {
                category: string;
                score: number | null;
                weight: number;
            }[];
            /** @description False while llm rules are pending (a preview judges deterministic rules only) */
            complete: boolean;
            grade: ("A" | "B" | "C" | "D" | "E") | null;
            recordingId: string;
            rules: {
                autoFail: boolean;
                category: string;
                coachNote: string;
                evidence: components["schemas"]["ScoringEvidence"][];
                /** @enum {string} */
                kind: "llm" | "deterministic";
                name: string;
                pass: boolean | null;
                ruleId: string;
                score: number | null;
                /** @enum {string} */
                status: "evaluated" | "pending" | "not_applicable";
                weight: number;
            }[];
            /** @description 0..100; 0 when an auto-fail rule failed; null when nothing was evaluated */
            score: number | null;
            /** @description Null for an unsaved scorecard */
            scorecardVersion: number | null;
            /** @description The weighted mean before an auto-fail */
            weightedScore: number | null;
        };
        ScorecardEvaluationInput: {
            autoFailed: boolean;
            autoFailedBy: string[];
            categories: {
                category: string;
                score: number | null;
                weight: number;
            }[];
            /** @description False while llm rules are pending (a preview judges deterministic rules only) */
            complete: boolean;
            grade: ("A" | "B" | "C" | "D" | "E") | null;
            recordingId: string;
            rules: {
                autoFail: boolean;
                category: string;
                coachNote: string;
                evidence: components["schemas"]["ScoringEvidenceInput"][];
                /** @enum {string} */
                kind: "llm" | "deterministic";
                name: string;
                pass: boolean | null;
                ruleId: string;
                score: number | null;
                /** @enum {string} */
                status: "evaluated" | "pending" | "not_applicable";
                weight: number;
            }[];
            /** @description 0..100; 0 when an auto-fail rule failed; null when nothing was evaluated */
            score: number | null;
            /** @description Null for an unsaved scorecard */
            scorecardVersion: number | null;
            /** @description The weighted mean before an auto-fail */
            weightedScore: number | null;
        };
        ScorecardInput: {
            /** @description Which calls the scorecard is for; absent: every call (the default scorecard) */
            appliesTo?: components["schemas"]["ScorecardScopeInput"];
            /** @default  */
            description: string;
            name: string;
            rules: components["schemas"]["ScorecardRuleInput"][];
        };
        ScorecardPreviewRequest: {
            /** @description rec_...: a recording with a transcript */
            recordingId: string;
            /** @description An unsaved scorecard to try; without it, the saved version (?version= or the newest) */
            scorecard?: components["schemas"]["Scorecard"];
            /** @description The saved version to try (default: the newest) */
            version?: number;
        };
        ScorecardPreviewRequestInput: {
            /** @description rec_...: a recording with a transcript */
            recordingId: string;
            /** @description An unsaved scorecard to try; without it, the saved version (?version= or the newest) */
            scorecard?: components["schemas"]["ScorecardInput"];
            /** @description The saved version to try (default: the newest) */
            version?: number;
        };
        ScorecardRule: {
            /**
             * @description Failing this rule scores the whole evaluation 0, grade E
             * @default false
             */
            autoFail: boolean;
            /** @description Groups rules in the report (Greeting, Compliance...) */
            category: string;
            /** @description Required for deterministic rules */
            check?: components["schemas"]["ScorecardCheck"];
            /** @default  */
            description: string;
            /**
             * @description What an LLM (or reviewer) looks for
             * @default
             */
            howToJudge: string;
            id: string;
            /** @enum {string} */
            kind: "llm" | "deterministic";
            name: string;
            /** @description Share of the overall score, relative to the other rules */
            weight: number;
        };
        ScorecardRuleInput: {
            /**
             * @description Failing this rule scores the whole evaluation 0, grade E
             * @default false
             */
            autoFail: boolean;
            /** @description Groups rules in the report (Greeting, Compliance...) */
            category: string;
            /** @description Required for deterministic rules */
            check?: components["schemas"]["ScorecardCheckInput"];
            /** @default  */
            description: string;
            /**
             * @description What an LLM (or reviewer) looks for
             * @default
             */
            howToJudge: string;
            id: string;
            /** @enum {string} */
            kind: "llm" | "deterministic";
            name: string;
            /** @description Share of the overall score, relative to the other rules */
            weight: number;
        };
        ScorecardScope: {
            directions?: ("inbound" | "outbound" | "internal" | "unknown")[];
            queues?: string[];
        };
        ScorecardScopeInput: {
            directions?: ("inbound" | "outbound" | "internal" | "unknown")[];
            queues?: string[];
        };
        ScorecardVersion: {
            activatedAt: string | null;
            activatedBy: string | null;
            /** @description Null until a version was activated */
            activeVersion: number | null;
            body: components["schemas"]["Scorecard"];
            createdAt: string;
            createdBy: string;
            /** @description insight_schema_..., scorecard_... or category_set_... */
            id: string;
            isActive: boolean;
            /** @enum {string} */
            kind: "insight_schema" | "scorecard" | "category_set";
            latestVersion: number;
            name: string;
            updatedAt: string;
            version: number;
            versionCreatedAt: string;
            versionCreatedBy: string;
        };
        ScorecardVersionInput: {
            activatedAt: string | null;
            activatedBy: string | null;
            /** @description Null until a version was activated */
            activeVersion: number | null;
            body: components["schemas"]["ScorecardInput"];
            createdAt: string;
            createdBy: string;
            /** @description insight_schema_..., scorecard_... or category_set_... */
            id: string;
            isActive: boolean;
            /** @enum {string} */
            kind: "insight_schema" | "scorecard" | "category_set";
            latestVersion: number;
            name: string;
            updatedAt: string;
            version: number;
            versionCreatedAt: string;
            versionCreatedBy: string;
        };
        ScoringEvidence: {
            endMs: number;
            /** @description The redacted text of the segment */
            quote: string;
            /** @description seg_...; null for a silence or a stretch of time */
            segmentId: string | null;
            speaker: string | null;
            startMs: number;
        };
        ScoringEvidenceInput: {
            endMs: number;
            /** @description The redacted text of the segment */
            quote: string;
            /** @description seg_...; null for a silence or a stretch of time */
            segmentId: string | null;
            speaker: string | null;
            startMs: number;
        };
        Shipment: {
            /** @enum {string} */
            carrier: "simulator" | "easypost";
            cost: {
                amountMinor: number;
                currency: string;
            } | null;
            /** Format: date-time */
            createdAt: string;
            deliveredAt: string | null;
            events: {
                /** Format: date-time */
                at: string;
                location: string | null;
                message: string;
                /** @enum {string} */
                status: "label_created" | "pre_transit" | "in_transit" | "out_for_delivery" | "delivered" | "return_to_sender" | "failure" | "cancelled";
            }[];
            id: string;
            /** @description A short-lived link (an hour) for the simulator’s PDF; the carrier’s own link otherwise */
            labelUrl: string | null;
            lines: {
                lineId: string;
                quantity: number;
            }[];
            orderId: string;
            service: string;
            shippedAt: string | null;
            /** @enum {string} */
            status: "label_created" | "pre_transit" | "in_transit" | "out_for_delivery" | "delivered" | "return_to_sender" | "failure" | "cancelled";
            trackingCode: string | null;
            trackingUrl: string | null;
        };
        ShipmentInput: {
            /** @enum {string} */
            carrier: "simulator" | "easypost";
            cost: {
                amountMinor: number;
                currency: string;
            } | null;
            /** Format: date-time */
            createdAt: string;
            deliveredAt: string | null;
            events: {
                /** Format: date-time */
                at: string;
                location: string | null;
                message: string;
                /** @enum {string} */
                status: "label_created" | "pre_transit" | "in_transit" | "out_for_delivery" | "delivered" | "return_to_sender" | "failure" | "cancelled";
            }[];
            id: string;
            /** @description A short-lived link (an hour) for the simulator’s PDF; the carrier’s own link otherwise */
            labelUrl: string | null;
            lines: {
                lineId: string;
                quantity: number;
            }[];
            orderId: string;
            service: string;
            shippedAt: string | null;
            /** @enum {string} */
            status: "label_created" | "pre_transit" | "in_transit" | "out_for_delivery" | "delivered" | "return_to_sender" | "failure" | "cancelled";
            trackingCode: string | null;
            trackingUrl: string | null;
        };
        ShippingRate: {
            carrier: string;
            deliveryDays: number | null;
            /** @description Opaque; give it to POST /orders/{id}/shipments */
            id: string;
            price: {
                amountMinor: number;
                currency: string;
            };
            service: string;
        };
        ShippingRateInput: {
            carrier: string;
            deliveryDays: number | null;
            /** @description Opaque; give it to POST /orders/{id}/shipments */
            id: string;
            price: {
                amountMinor: number;
                currency: string;
            };
            service: string;
        };
        SignInOption: {
            /** @description idp_... */
            id: string;
            name: string;
        };
        SignInOptionInput: {
            /** @description idp_... */
            id: string;
            name: string;
        };
        TeamsSubscriptionStatus: {
            /** @description credential secrets still to set (teams.tenant_id, teams.client_id, teams.client_secret) */
            missingSecrets: string[];
            /** @description where Graph delivers this tenant’s change and lifecycle notifications */
            notificationUrl: string;
            subscription: {
                backfilledUntil: string | null;
                changeType: string;
                /** Format: date-time */
                createdAt: string;
                expiresAt: string | null;
                /** @description Graph's subscription id; null while the tenant has none (its creation failed) */
                id: string | null;
                lastError: string | null;
                lastErrorAt: string | null;
                lastLifecycleAt: string | null;
                lastLifecycleEvent: string | null;
                /** @description the last change notification whose call records were fetched */
                lastNotificationAt: string | null;
                notificationUrl: string;
                renewedAt: string | null;
                resource: string;
                /**
                 * @description failing: the last create, renew or reauthorize did not succeed (see lastError); the hourly timer retries
                 * @enum {string}
                 */
                status: "active" | "failing" | "expired";
            } | null;
        };
        TeamsSubscriptionStatusInput: {
            /** @description credential secrets still to set (teams.tenant_id, teams.client_id, teams.client_secret) */
            missingSecrets: string[];
            /** @description where Graph delivers this tenant’s change and lifecycle notifications */
            notificationUrl: string;
            subscription: {
                backfilledUntil: string | null;
                changeType: string;
                /** Format: date-time */
                createdAt: string;
                expiresAt: string | null;
                /** @description Graph's subscription id; null while the tenant has none (its creation failed) */
                id: string | null;
                lastError: string | null;
                lastErrorAt: string | null;
                lastLifecycleAt: string | null;
                lastLifecycleEvent: string | null;
                /** @description the last change notification whose call records were fetched */
                lastNotificationAt: string | null;
                notificationUrl: string;
                renewedAt: string | null;
                resource: string;
                /**
                 * @description failing: the last create, renew or reauthorize did not succeed (see lastError); the hourly timer retries
                 * @enum {string}
                 */
                status: "active" | "failing" | "expired";
            } | null;
        };
        Tenant: {
            /** Format: date-time */
            createdAt: string;
            /** @description Tenant id (ten_...) */
            id: string;
            mfaRequiredForAdmins: boolean;
            name: string;
            slug: string;
            /** @description IANA time zone used for local-time reports */
            timeZone: string;
        };
        TenantInput: {
            /** Format: date-time */
            createdAt: string;
            /** @description Tenant id (ten_...) */
            id: string;
            mfaRequiredForAdmins: boolean;
            name: string;
            slug: string;
            /** @description IANA time zone used for local-time reports */
            timeZone: string;
        };
        TokenPair: {
            accessToken: string;
            /** @description Seconds until the access token expires */
            expiresIn: number;
            mfaEnrollmentRequired: boolean;
            /** @description Rotates on every use; absent while a second factor must be enrolled */
            refreshToken?: string;
            /** @constant */
            tokenType: "Bearer";
        };
        TokenPairInput: {
            accessToken: string;
            /** @description Seconds until the access token expires */
            expiresIn: number;
            mfaEnrollmentRequired: boolean;
            /** @description Rotates on every use; absent while a second factor must be enrolled */
            refreshToken?: string;
            /** @constant */
            tokenType: "Bearer";
        };
        TranscriptionAssemblyAiProvider: {
            /** @description Name of a tenant secret (transcription.*); the value itself is never stored here */
            apiKeySecret: string;
            /**
             * Format: uri
             * @default https://api.assemblyai.com
             */
            baseUrl: string;
            /** @default true */
            deleteAfter: boolean;
            /** @default 3600000 */
            jobTimeoutMs: number;
            /** @default 3 */
            maxAttempts: number;
            /** @default 60000 */
            maxRetryAfterMs: number;
            /** @default 3000 */
            pollIntervalMs: number;
            /** @default null */
            pricePerMinuteUsd: number | null;
            /** @constant */
            provider: "assemblyai";
            /** @default 300000 */
            requestTimeoutMs: number;
            /** @default 1000 */
            retryBaseMs: number;
            /**
             * @default [
             *       "universal-3-pro",
             *       "universal-2"
             *     ]
             */
            speechModels: string[];
        };
        TranscriptionAssemblyAiProviderInput: {
            /** @description Name of a tenant secret (transcription.*); the value itself is never stored here */
            apiKeySecret: string;
            /**
             * Format: uri
             * @default https://api.assemblyai.com
             */
            baseUrl: string;
            /** @default true */
            deleteAfter: boolean;
            /** @default 3600000 */
            jobTimeoutMs: number;
            /** @default 3 */
            maxAttempts: number;
            /** @default 60000 */
            maxRetryAfterMs: number;
            /** @default 3000 */
            pollIntervalMs: number;
            /** @default null */
            pricePerMinuteUsd: number | null;
            /** @constant */
            provider: "assemblyai";
            /** @default 300000 */
            requestTimeoutMs: number;
            /** @default 1000 */
            retryBaseMs: number;
            /**
             * @default [
             *       "universal-3-pro",
             *       "universal-2"
             *     ]
             */
            speechModels: string[];
        };
        TranscriptionAwsTranscribeProvider: {
            /** @description Name of a tenant secret (transcription.*); the value itself is never stored here */
            accessKeyIdSecret: string;
            /** @default true */
            deleteAfter: boolean;
            /** @default null */
            endpoint: string | null;
            /** @default 3600000 */
            jobTimeoutMs: number;
            /** @default 3 */
            maxAttempts: number;
            /** @default 60000 */
            maxRetryAfterMs: number;
            /** @default 2 */
            maxSpeakers: number;
            mediaBucket: string;
            /** @default switchboard-transcribe/ */
            mediaKeyPrefix: string;
            /** @default 5000 */
            pollIntervalMs: number;
            /** @default null */
            pricePerMinuteUsd: number | null;
            /** @constant */
            provider: "aws-transcribe";
            region: string;
            /** @default 300000 */
            requestTimeoutMs: number;
            /** @default 1000 */
            retryBaseMs: number;
            /** @default null */
            s3Endpoint: string | null;
            /** @description Name of a tenant secret (transcription.*); the value itself is never stored here */
            secretAccessKeySecret: string;
            /** @default null */
            sessionTokenSecret: string | null;
        };
        TranscriptionAwsTranscribeProviderInput: {
            /** @description Name of a tenant secret (transcription.*); the value itself is never stored here */
            accessKeyIdSecret: string;
            /** @default true */
            deleteAfter: boolean;
            /** @default null */
            endpoint: string | null;
            /** @default 3600000 */
            jobTimeoutMs: number;
            /** @default 3 */
            maxAttempts: number;
            /** @default 60000 */
            maxRetryAfterMs: number;
            /** @default 2 */
            maxSpeakers: number;
            mediaBucket: string;
            /** @default switchboard-transcribe/ */
            mediaKeyPrefix: string;
            /** @default 5000 */
            pollIntervalMs: number;
            /** @default null */
            pricePerMinuteUsd: number | null;
            /** @constant */
            provider: "aws-transcribe";
            region: string;
            /** @default 300000 */
            requestTimeoutMs: number;
            /** @default 1000 */
            retryBaseMs: number;
            /** @default null */
            s3Endpoint: string | null;
            /** @description Name of a tenant secret (transcription.*); the value itself is never stored here */
            secretAccessKeySecret: string;
            /** @default null */
            sessionTokenSecret: string | null;
        };
        TranscriptionDeepgramProvider: {
            /** @description Name of a tenant secret (transcription.*); the value itself is never stored here */
            apiKeySecret: string;
            /**
             * Format: uri
             * @default https://api.deepgram.com
             */
            baseUrl: string;
            /** @default 3 */
            maxAttempts: number;
            /** @default 60000 */
            maxRetryAfterMs: number;
            /** @default nova-3 */
            model: string;
            /** @default null */
            pricePerMinuteUsd: number | null;
            /** @constant */
            provider: "deepgram";
            /** @default {} */
            query: {
                [key: string]: string;
            };
            /** @default 300000 */
            requestTimeoutMs: number;
            /** @default 1000 */
            retryBaseMs: number;
        };
        TranscriptionDeepgramProviderInput: {
            /** @description Name of a tenant secret (transcription.*); the value itself is never stored here */
            apiKeySecret: string;
            /**
             * Format: uri
             * @default https://api.deepgram.com
             */
            baseUrl: string;
            /** @default 3 */
            maxAttempts: number;
            /** @default 60000 */
            maxRetryAfterMs: number;
            /** @default nova-3 */
            model: string;
            /** @default null */
            pricePerMinuteUsd: number | null;
            /** @constant */
            provider: "deepgram";
            /** @default {} */
            query: {
                [key: string]: string;
            };
            /** @default 300000 */
            requestTimeoutMs: number;
            /** @default 1000 */
            retryBaseMs: number;
        };
        TranscriptionLocalProvider: {
            /** @default 0 */
            pricePerMinuteUsd: number | null;
            /** @constant */
            provider: "local";
        };
        TranscriptionLocalProviderInput: {
            /** @default 0 */
            pricePerMinuteUsd: number | null;
            /** @constant */
            provider: "local";
        };
        TranscriptionOpenAiProvider: {
            /** @default null */
            apiKeySecret: string | null;
            /**
             * @default bearer
             * @enum {string}
             */
            auth: "bearer" | "api-key";
            /**
             * Format: uri
             * @default https://api.openai.com/v1
             */
            baseUrl: string;
            /** @default 3 */
            maxAttempts: number;
            /** @default 60000 */
            maxRetryAfterMs: number;
            /** @default 26214400 */
            maxUploadBytes: number;
            /** @default whisper-1 */
            model: string;
            /** @default null */
            pricePerMinuteUsd: number | null;
            /** @constant */
            provider: "openai";
            /** @default {} */
            query: {
                [key: string]: string;
            };
            /** @default 300000 */
            requestTimeoutMs: number;
            /** @default null */
            responseFormat: ("verbose_json" | "diarized_json") | null;
            /** @default 1000 */
            retryBaseMs: number;
            /** @default true */
            splitChannels: boolean;
        };
        TranscriptionOpenAiProviderInput: {
            /** @default null */
            apiKeySecret: string | null;
            /**
             * @default bearer
             * @enum {string}
             */
            auth: "bearer" | "api-key";
            /**
             * Format: uri
             * @default https://api.openai.com/v1
             */
            baseUrl: string;
            /** @default 3 */
            maxAttempts: number;
            /** @default 60000 */
            maxRetryAfterMs: number;
            /** @default 26214400 */
            maxUploadBytes: number;
            /** @default whisper-1 */
            model: string;
            /** @default null */
            pricePerMinuteUsd: number | null;
            /** @constant */
            provider: "openai";
            /** @default {} */
            query: {
                [key: string]: string;
            };
            /** @default 300000 */
            requestTimeoutMs: number;
            /** @default null */
            responseFormat: ("verbose_json" | "diarized_json") | null;
            /** @default 1000 */
            retryBaseMs: number;
            /** @default true */
            splitChannels: boolean;
        };
        TranscriptionProviderStatus: {
            available: boolean;
            code: string | null;
            provider: string;
            /** @description Why it cannot run now: what to install, which secret to set */
            reason: string | null;
        };
        TranscriptionProviderStatusInput: {
            available: boolean;
            code: string | null;
            provider: string;
            /** @description Why it cannot run now: what to install, which secret to set */
            reason: string | null;
        };
        TranscriptionSettings: {
            /** @description In fallback order: the first that succeeds wins; one that is unavailable or fails hands over */
            providers: (components["schemas"]["TranscriptionLocalProvider"] | components["schemas"]["TranscriptionOpenAiProvider"] | components["schemas"]["TranscriptionDeepgramProvider"] | components["schemas"]["TranscriptionAwsTranscribeProvider"] | components["schemas"]["TranscriptionAssemblyAiProvider"])[];
        };
        TranscriptionSettingsInput: {
            /** @description In fallback order: the first that succeeds wins; one that is unavailable or fails hands over */
            providers: (components["schemas"]["TranscriptionLocalProviderInput"] | components["schemas"]["TranscriptionOpenAiProviderInput"] | components["schemas"]["TranscriptionDeepgramProviderInput"] | components["schemas"]["TranscriptionAwsTranscribeProviderInput"] | components["schemas"]["TranscriptionAssemblyAiProviderInput"])[];
        };
        User: {
            /** Format: date-time */
            createdAt: string;
            displayName: string | null;
            email: string;
            /** @description usr_... */
            id: string;
            /** @enum {string} */
            kind: "employee" | "client";
            lockedUntil: string | null;
            mfaEnabled: boolean;
            roles: string[];
            /** @enum {string} */
            status: "active" | "disabled";
        };
        UserInput: {
            /** Format: date-time */
            createdAt: string;
            displayName: string | null;
            email: string;
            /** @description usr_... */
            id: string;
            /** @enum {string} */
            kind: "employee" | "client";
            lockedUntil: string | null;
            mfaEnabled: boolean;
            roles: string[];
            /** @enum {string} */
            status: "active" | "disabled";
        };
        WebhookDelivery: {
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            endpointId: string;
            eventId: string;
            eventType: string;
            id: string;
            lastError: string | null;
            lastResponseMs: number | null;
            lastStatusCode: number | null;
            nextAttemptAt: string | null;
            /** @enum {string} */
            state: "pending" | "succeeded" | "failed" | "dead";
            /** Format: date-time */
            updatedAt: string;
        };
        WebhookDeliveryInput: {
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            endpointId: string;
            eventId: string;
            eventType: string;
            id: string;
            lastError: string | null;
            lastResponseMs: number | null;
            lastStatusCode: number | null;
            nextAttemptAt: string | null;
            /** @enum {string} */
            state: "pending" | "succeeded" | "failed" | "dead";
            /** Format: date-time */
            updatedAt: string;
        };
        WebhookEndpoint: {
            /** Format: date-time */
            createdAt: string;
            description: string;
            enabled: boolean;
            eventTypes: string[];
            id: string;
            /** Format: date-time */
            secretRotatedAt: string;
            /** Format: date-time */
            updatedAt: string;
            url: string;
        };
        WebhookEndpointInput: {
            /** Format: date-time */
            createdAt: string;
            description: string;
            enabled: boolean;
            eventTypes: string[];
            id: string;
            /** Format: date-time */
            secretRotatedAt: string;
            /** Format: date-time */
            updatedAt: string;
            url: string;
        };
        WebhookEndpointWithSecret: {
            /** Format: date-time */
            createdAt: string;
            description: string;
            enabled: boolean;
            eventTypes: string[];
            id: string;
            /** @description Shown once: whsec_ + base64 of the key */
            secret: string;
            /** Format: date-time */
            secretRotatedAt: string;
            /** Format: date-time */
            updatedAt: string;
            url: string;
        };
        WebhookEndpointWithSecretInput: {
            /** Format: date-time */
            createdAt: string;
            description: string;
            enabled: boolean;
            eventTypes: string[];
            id: string;
            /** @description Shown once: whsec_ + base64 of the key */
            secret: string;
            /** Format: date-time */
            secretRotatedAt: string;
            /** Format: date-time */
            updatedAt: string;
            url: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
