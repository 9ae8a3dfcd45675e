import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button, IconButton } from '@/kit/Button';
import { ConfirmDialog, Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { FormError, OptionsField, TextAreaField, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import {
  archiveProduct,
  catalogKeys,
  createProduct,
  getProduct,
  productStatuses,
  updateProduct,
  type Product,
} from '../catalog.api';
import { catalogWords, editorMessages } from '../catalog.messages';
import { CategoryPicker } from '../categories/CategoryPicker';
import { MoneyField } from '../MoneyField';
import { ProductImages } from './ProductImages';
import {
  attributeField,
  draftFromProduct,
  emptyDraft,
  inputFromDraft,
  placeRefusal,
  priceField,
  rowId,
  type ProductDraft,
} from './product-form';

/** Create (no `productId`) or edit a product in a dialog. */
export function ProductEditor({
  productId,
  currency,
  onClose,
}: {
  readonly productId: string | undefined;
  /** The currency the first price row of a new product starts in. */
  readonly currency: string;
  readonly onClose: () => void;
}) {
  const m = useMessages(editorMessages);
  const product = useQuery({
    queryKey: catalogKeys.product(productId ?? ''),
    queryFn: () => getProduct(productId ?? ''),
    enabled: productId !== undefined,
  });
  const title = productId ? m.editTitle(product.data?.sku ?? '') : m.createTitle;
  return (
    <Modal open onOpenChange={(open) => !open && onClose()} title={title} wide>
      {productId === undefined ? (
        <EditorForm product={undefined} currency={currency} onClose={onClose} onReload={() => undefined} />
      ) : product.isPending ? (
        <ModalBody>
          <LoadingBlock label={m.loading} />
        </ModalBody>
      ) : product.isError ? (
        <ModalBody>
          <ErrorState error={product.error} title={m.failed} onRetry={() => void product.refetch()} />
        </ModalBody>
      ) : (
        <EditorForm
          // A reload after a conflict starts the form again from what the server holds now.
          key={`${product.data.id}:${product.data.version}`}
          product={product.data}
          currency={currency}
          onClose={onClose}
          onReload={() => void product.refetch()}
        />
      )}
    </Modal>
  );
}

function EditorForm({
  product,
  currency,
  onClose,
  onReload,
}: {
  readonly product: Product | undefined;
  readonly currency: string;
  readonly onClose: () => void;
  readonly onReload: () => void;
}) {
  const m = useMessages(editorMessages);
  const words = useMessages(catalogWords);
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ProductDraft>(() =>
    product ? draftFromProduct(product) : emptyDraft(currency),
  );
  const [conflict, setConflict] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const form = useForm<string>(['sku', 'name', 'description', 'status', 'categoryId']);

  const change = <K extends keyof ProductDraft>(key: K, value: ProductDraft[K], field: string = key) => {
    setDraft((current) => ({ ...current, [key]: value }));
    form.clear(field);
  };

  const save = useMutation({
    mutationFn: (input: Parameters<typeof createProduct>[0]) =>
      product ? updateProduct(product.id, product.version, input) : createProduct(input),
    onSuccess: async (saved) => {
      toast.success(product ? m.saved : m.created);
      queryClient.setQueryData(catalogKeys.product(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: ['catalog', 'products'] });
      onClose();
    },
    onError: (error) => {
      const placed = placeRefusal(error, draft);
      setConflict(placed.conflict);
      form.show(placed.fields, placed.form);
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const result = inputFromDraft(draft);
    if (result.problems) {
      form.show(result.problems);
      return;
    }
    save.mutate(result.input);
  };

  const setPrice = (id: string, part: 'currency' | 'amount', value: string) => {
    setDraft((current) => ({
      ...current,
      prices: current.prices.map((row) => (row.id === id ? { ...row, [part]: value } : row)),
    }));
    form.clear(priceField({ id }, part));
  };
  const setAttribute = (id: string, part: 'key' | 'value', value: string) => {
    setDraft((current) => ({
      ...current,
      attributes: current.attributes.map((row) => (row.id === id ? { ...row, [part]: value } : row)),
    }));
    form.clear(attributeField({ id }, part));
  };

  return (
    <>
      <form id={form.id} onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            {conflict ? (
              <Alert tone="warning" title={words.conflict}>
                <Button size="sm" onClick={onReload}>
                  {words.reload}
                </Button>
              </Alert>
            ) : null}
            <FormError message={form.formError} />
            <div className="form-row">
              <TextField
                label={m.sku}
                hint={m.skuHint}
                value={draft.sku}
                onChange={(e) => change('sku', e.target.value)}
                error={form.errors.sku}
                maxLength={100}
                className="input--mono"
                autoComplete="off"
              />
              <TextField
                label={m.name}
                value={draft.name}
                onChange={(e) => change('name', e.target.value)}
                error={form.errors.name}
                maxLength={300}
              />
            </div>
            <TextAreaField
              label={m.description}
              optional
              rows={3}
              value={draft.description}
              onChange={(e) => change('description', e.target.value)}
              error={form.errors.description}
              maxLength={10_000}
            />
            <div className="form-row">
              <OptionsField
                label={m.status}
                value={draft.status}
                options={productStatuses}
                labels={words.status}
                onPick={(status) => change('status', status)}
                error={form.errors.status}
              />
              <CategoryPicker
                label={m.category}
                emptyLabel={m.noCategory}
                value={draft.categoryId}
                onChange={(categoryId) => change('categoryId', categoryId)}
                error={form.errors.categoryId}
              />
            </div>

            <fieldset className="catalog-rows">
              <legend className="label">{m.prices}</legend>
              <p className="hint">{m.pricesHint}</p>
              {draft.prices.length === 0 ? <p className="subtle">{m.noPrices}</p> : null}
              {draft.prices.map((row, index) => {
                const n = String(index + 1);
                return (
                  <div className="catalog-row" key={row.id}>
                    <TextField
                      label={m.priceCurrency(n)}
                      value={row.currency}
                      onChange={(e) => setPrice(row.id, 'currency', e.target.value.toUpperCase())}
                      error={form.errors[priceField(row, 'currency')]}
                      className="input--mono catalog-row__currency"
                      maxLength={3}
                      autoComplete="off"
                    />
                    <MoneyField
                      label={m.priceAmount(n)}
                      currency={row.currency}
                      value={row.amount}
                      onChange={(text) => setPrice(row.id, 'amount', text)}
                      error={form.errors[priceField(row, 'amount')]}
                    />
                    <IconButton
                      label={m.removePrice(n)}
                      className="catalog-row__remove"
                      onClick={() =>
                        setDraft((d) => ({ ...d, prices: d.prices.filter((p) => p.id !== row.id) }))
                      }
                    >
                      <Trash2 aria-hidden="true" />
                    </IconButton>
                  </div>
                );
              })}
              <div>
                <Button
                  size="sm"
                  icon={<Plus aria-hidden="true" />}
                  onClick={() =>
                    setDraft((d) => ({
                      ...d,
                      prices: [...d.prices, { id: rowId(), currency: '', amount: '' }],
                    }))
                  }
                >
                  {m.addPrice}
                </Button>
              </div>
            </fieldset>

            <fieldset className="catalog-rows">
              <legend className="label">{m.attributes}</legend>
              {draft.attributes.map((row, index) => {
                const n = String(index + 1);
                return (
                  <div className="catalog-row" key={row.id}>
                    <TextField
                      label={m.attributeKey(n)}
                      value={row.key}
                      onChange={(e) => setAttribute(row.id, 'key', e.target.value)}
                      error={form.errors[attributeField(row, 'key')]}
                      maxLength={100}
                      autoComplete="off"
                    />
                    <TextField
                      label={m.attributeValue(n)}
                      value={row.value}
                      onChange={(e) => setAttribute(row.id, 'value', e.target.value)}
                      error={form.errors[attributeField(row, 'value')]}
                      maxLength={1000}
                      autoComplete="off"
                    />
                    <IconButton
                      label={m.removeAttribute(n)}
                      className="catalog-row__remove"
                      onClick={() =>
                        setDraft((d) => ({ ...d, attributes: d.attributes.filter((a) => a.id !== row.id) }))
                      }
                    >
                      <Trash2 aria-hidden="true" />
                    </IconButton>
                  </div>
                );
              })}
              <div>
                <Button
                  size="sm"
                  icon={<Plus aria-hidden="true" />}
                  onClick={() =>
                    setDraft((d) => ({
                      ...d,
                      attributes: [...d.attributes, { id: rowId(), key: '', value: '' }],
                    }))
                  }
                >
                  {m.addAttribute}
                </Button>
              </div>
            </fieldset>

            {product ? <ProductImages product={product} /> : <p className="hint">{m.imagesAfterCreate}</p>}
          </div>
        </ModalBody>
        <ModalFooter>
          {product && product.status !== 'archived' ? (
            <Button
              variant="danger-ghost"
              onClick={() => setArchiving(true)}
              className="catalog-footer__start"
            >
              {m.archive}
            </Button>
          ) : null}
          <Button onClick={onClose}>{words.cancel}</Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            {product ? m.save : m.create}
          </Button>
        </ModalFooter>
      </form>
      {product ? (
        <ConfirmDialog
          open={archiving}
          onOpenChange={setArchiving}
          title={m.archiveTitle}
          description={m.archiveBody}
          confirmLabel={m.archive}
          onConfirm={async () => {
            await archiveProduct(product.id);
            toast.success(m.archived);
            await queryClient.invalidateQueries({ queryKey: catalogKeys.all });
            onClose();
          }}
        />
      ) : null}
    </>
  );
}
