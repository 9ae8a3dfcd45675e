import { appRole, grantSchemaUsage, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * Products, their prices per currency, the category tree, images and CSV imports. Nothing here is
 * personal data.
 *
 * Search: `products.search` is a weighted tsvector (A: name and SKU, B: category name and attribute
 * values, C: description) kept by a trigger (a generated column cannot read the category's name),
 * with a GIN index; `pg_trgm` indexes the name for typo-tolerant matches when the full-text query
 * finds little. The 'simple' configuration: catalogues are multilingual, and a stemmer of one
 * language mangles the others' words and SKUs.
 *
 * Availability: `catalog.product_available(product_id)` is the one place the catalog reads stock
 * (on hand − reserved over locations). Here it answers 0; the inventory migration replaces it with
 * the sum over `catalog.inventory_levels` (CREATE OR REPLACE FUNCTION, same signature).
 */
export const products = `
  ${grantSchemaUsage('catalog')}
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE EXTENSION IF NOT EXISTS btree_gin;

  CREATE TABLE catalog.categories (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    parent_id uuid REFERENCES catalog.categories (id) ON DELETE RESTRICT,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_id IS NULL OR parent_id <> id)
  );
  ${tenantIsolation('catalog.categories')}
  CREATE UNIQUE INDEX categories_name_per_parent ON catalog.categories (tenant_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
  CREATE INDEX categories_parent ON catalog.categories (parent_id);

  CREATE TABLE catalog.products (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    sku text NOT NULL CHECK (length(sku) BETWEEN 1 AND 100),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    description text CHECK (length(description) <= 20000),
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
    category_id uuid REFERENCES catalog.categories (id) ON DELETE RESTRICT,
    -- Free attributes: string, number or boolean values (colour, size, weight_g, tax_class).
    attributes jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(attributes) = 'object'),
    version integer NOT NULL DEFAULT 1,
    -- Kept by catalog.products_search_trigger.
    search tsvector NOT NULL DEFAULT ''::tsvector,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, sku)
  );
  ${tenantIsolation('catalog.products')}
  CREATE INDEX products_search ON catalog.products USING gin (tenant_id, search);
  CREATE INDEX products_name_trgm ON catalog.products USING gin (tenant_id, lower(name) gin_trgm_ops);
  CREATE INDEX products_sku_lower ON catalog.products (tenant_id, lower(sku));
  CREATE INDEX products_by_name ON catalog.products (tenant_id, lower(name), id);
  CREATE INDEX products_by_newest ON catalog.products (tenant_id, created_at DESC, id DESC);
  CREATE INDEX products_by_category ON catalog.products (tenant_id, category_id, id);
  CREATE INDEX products_by_status ON catalog.products (tenant_id, status, id);

  CREATE FUNCTION catalog.product_search_vector(
    p_name text, p_sku text, p_category text, p_attributes jsonb, p_description text
  ) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple', coalesce(p_name, '') || ' ' || coalesce(p_sku, '') || ' ' || regexp_replace(coalesce(p_sku, ''), '[^[:alnum:]]+', ' ', 'g')), 'A')
        || setweight(to_tsvector('simple', coalesce(p_category, '') || ' ' || coalesce((
             SELECT string_agg(value, ' ') FROM jsonb_each_text(p_attributes)), '')), 'B')
        || setweight(to_tsvector('simple', left(coalesce(p_description, ''), 20000)), 'C')
  $$;

  CREATE FUNCTION catalog.products_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW.search := catalog.product_search_vector(
      NEW.name, NEW.sku,
      (SELECT c.name FROM catalog.categories c WHERE c.id = NEW.category_id),
      NEW.attributes, NEW.description);
    RETURN NEW;
  END $$;
  CREATE TRIGGER products_search BEFORE INSERT OR UPDATE OF name, sku, category_id, attributes, description, search
    ON catalog.products FOR EACH ROW EXECUTE FUNCTION catalog.products_search_trigger();

  -- A renamed category re-indexes its products (the trigger above recomputes each vector).
  CREATE FUNCTION catalog.categories_rename_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE catalog.products SET search = ''::tsvector WHERE category_id = NEW.id;
    RETURN NULL;
  END $$;
  CREATE TRIGGER categories_rename AFTER UPDATE OF name ON catalog.categories
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION catalog.categories_rename_trigger();

  -- One price per product and currency, in minor units.
  CREATE TABLE catalog.product_prices (
    tenant_id uuid NOT NULL,
    product_id uuid NOT NULL REFERENCES catalog.products (id) ON DELETE CASCADE,
    currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
    PRIMARY KEY (product_id, currency)
  );
  ${tenantIsolation('catalog.product_prices')}
  CREATE INDEX product_prices_by_amount ON catalog.product_prices (tenant_id, currency, amount_minor, product_id);

  -- The text look-ups of the search. Row-level security keeps the planner from using an index whose
  -- operator is not leakproof (tsvector @@, lower(), the trigram operators): under the policy every
  -- text match would scan the tenant's rows. These functions run as the owner, past the policy, and
  -- filter on platform.current_tenant_id() themselves, first column of each index; they answer at most
  -- p_limit ids, unordered (the GIN indexes have no order), which the caller ranks and filters again
  -- under the policy. Status, category and price narrow inside, so a selective filter beside a common
  -- word still finds its rows.
  CREATE FUNCTION catalog.product_text_hits(
    p_tsquery text, p_status text, p_categories uuid[], p_currency text, p_min bigint, p_max bigint, p_limit integer
  ) RETURNS TABLE (id uuid, rank real)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
    SELECT h.id, ts_rank_cd(h.search, pg_catalog.to_tsquery('simple', p_tsquery))
      FROM (SELECT p.id, p.search FROM catalog.products p
             WHERE p.tenant_id = platform.current_tenant_id()
               AND p.search @@ pg_catalog.to_tsquery('simple', p_tsquery)
               AND (p_status IS NULL OR p.status = p_status)
               AND (p_categories IS NULL OR p.category_id = ANY (p_categories))
               AND (p_min IS NULL AND p_max IS NULL OR EXISTS (
                     SELECT 1 FROM catalog.product_prices pp
                      WHERE pp.product_id = p.id AND pp.currency = p_currency
                        AND pp.amount_minor >= coalesce(p_min, 0) AND pp.amount_minor <= coalesce(p_max, 9223372036854775807)))
             LIMIT p_limit) h
  $$;
  CREATE FUNCTION catalog.product_sku_hits(p_sku text) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
    SELECT p.id FROM catalog.products p
     WHERE p.tenant_id = platform.current_tenant_id() AND lower(p.sku) = lower(p_sku) LIMIT 10
  $$;
  -- Names near the text (typos): word similarity of at least 0.5, with the trigram index.
  CREATE FUNCTION catalog.product_name_near(
    p_text text, p_status text, p_categories uuid[], p_limit integer
  ) RETURNS TABLE (id uuid, rank real)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' SET pg_trgm.word_similarity_threshold = 0.5 AS $$
    SELECT h.id, public.word_similarity(lower(p_text), h.name)
      FROM (SELECT p.id, lower(p.name) AS name FROM catalog.products p
             WHERE p.tenant_id = platform.current_tenant_id()
               AND lower(p_text) OPERATOR(public.<%) lower(p.name)
               AND (p_status IS NULL OR p.status = p_status)
               AND (p_categories IS NULL OR p.category_id = ANY (p_categories))
             LIMIT p_limit) h
  $$;
  GRANT EXECUTE ON FUNCTION catalog.product_text_hits(text, text, uuid[], text, bigint, bigint, integer),
    catalog.product_sku_hits(text), catalog.product_name_near(text, text, uuid[], integer) TO ${appRole};

  -- Available units of a product over its locations; replaced by the inventory migration.
  CREATE FUNCTION catalog.product_available(p_product_id uuid) RETURNS integer
    LANGUAGE sql STABLE AS $$ SELECT 0 $$;

  -- Images: bytes in the object store (key <tenant>/catalog/products/<product>/images/<image>).
  CREATE TABLE catalog.product_images (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    product_id uuid NOT NULL REFERENCES catalog.products (id) ON DELETE CASCADE,
    object_key text NOT NULL,
    content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp', 'image/gif')),
    size_bytes bigint NOT NULL CHECK (size_bytes > 0),
    alt text CHECK (length(alt) <= 500),
    created_at timestamptz NOT NULL DEFAULT now()
  );
  ${tenantIsolation('catalog.product_images')}
  CREATE INDEX product_images_by_product ON catalog.product_images (product_id, created_at, id);

  -- CSV imports: a checkpoint row per job; each batch commits its products, counts and row together.
  CREATE TABLE catalog.product_imports (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'completed', 'failed')),
    object_key text NOT NULL,
    size_bytes bigint NOT NULL,
    rows_total integer NOT NULL DEFAULT 0,
    rows_done integer NOT NULL DEFAULT 0,
    created integer NOT NULL DEFAULT 0,
    updated integer NOT NULL DEFAULT 0,
    unchanged integer NOT NULL DEFAULT 0,
    rejected integer NOT NULL DEFAULT 0,
    checkpoint_row integer NOT NULL DEFAULT 0,
    attempts integer NOT NULL DEFAULT 0,
    claimed_until timestamptz,
    failure_reason text,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
  );
  ${tenantIsolation('catalog.product_imports')}
  CREATE INDEX product_imports_open ON catalog.product_imports (created_at) WHERE state IN ('queued', 'running');

  CREATE TABLE catalog.product_import_rejections (
    tenant_id uuid NOT NULL,
    import_id uuid NOT NULL REFERENCES catalog.product_imports (id) ON DELETE CASCADE,
    row_number integer NOT NULL,
    field text NOT NULL,
    reason text NOT NULL,
    PRIMARY KEY (import_id, row_number, field)
  );
  ${tenantIsolation('catalog.product_import_rejections')}
`;
