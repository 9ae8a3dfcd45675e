import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Trash2 } from 'lucide-react';
import { useEffect, useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Button, IconButton } from '@/kit/Button';
import { FormError, TextField } from '@/kit/Field';
import { emailPattern, useForm } from '@/kit/forms';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState } from '@/kit/states';
import { toast } from '@/kit/toast';
import { ordersApi } from '@portal/api/portal-api';
import { signedInQuery } from '@portal/app/session';
import { cart, cartCurrency, subtotal, useCart } from './cart';
import { formatMoney } from './money';
import { shopMessages } from './shop.messages';

const checkoutFields = [
  'email',
  'shippingAddress.name',
  'shippingAddress.line1',
  'shippingAddress.line2',
  'shippingAddress.city',
  'shippingAddress.postalCode',
  'shippingAddress.country',
  'shippingAddress.phone',
  'payment',
  'discountCode',
  'lines',
] as const;
type CheckoutField = (typeof checkoutFields)[number];

const keyStorage = 'switchboard.portal.checkout.key';

/**
 * One Idempotency-Key per order attempt: a retry after a lost answer (or a double tap) sends the
 * same key, so the server answers with the first order instead of placing a second.
 */
function idempotencyKey(): string {
  const kept = sessionStorage.getItem(keyStorage);
  if (kept) return kept;
  const key = `portal-${crypto.randomUUID()}`;
  sessionStorage.setItem(keyStorage, key);
  return key;
}

export function CartPage() {
  const all = useMessages(shopMessages);
  const m = all.cart;
  const c = all.checkout;
  const lines = useCart();
  const navigate = useNavigate();
  const me = useQuery(signedInQuery);
  const form = useForm(checkoutFields);
  const [values, setValues] = useState<Record<CheckoutField, string>>({
    email: '',
    'shippingAddress.name': '',
    'shippingAddress.line1': '',
    'shippingAddress.line2': '',
    'shippingAddress.city': '',
    'shippingAddress.postalCode': '',
    'shippingAddress.country': '',
    'shippingAddress.phone': '',
    payment: '',
    discountCode: '',
    lines: '',
  });
  const [busy, setBusy] = useState(false);
  const email = me.data?.user?.email;
  const name = me.data?.user?.displayName;
  useEffect(() => {
    if (email || name)
      setValues((v) => ({
        ...v,
        email: v.email || email || '',
        'shippingAddress.name': v['shippingAddress.name'] || name || '',
      }));
  }, [email, name]);

  const field = (key: CheckoutField) => ({
    value: values[key],
    error: form.errors[key],
    onChange: (e: { target: { value: string } }) => {
      setValues((v) => ({ ...v, [key]: e.target.value }));
      form.clear(key);
    },
  });

  const place = async (event: SyntheticEvent) => {
    event.preventDefault();
    const required = (key: CheckoutField) => (values[key].trim() ? undefined : c.required);
    const problems: Partial<Record<CheckoutField, string>> = {
      email: emailPattern.test(values.email.trim()) ? undefined : c.required,
      'shippingAddress.name': required('shippingAddress.name'),
      'shippingAddress.line1': required('shippingAddress.line1'),
      'shippingAddress.city': required('shippingAddress.city'),
      'shippingAddress.postalCode': required('shippingAddress.postalCode'),
      'shippingAddress.country': required('shippingAddress.country'),
      payment: required('payment'),
    };
    if (!form.check({}, problems)) return;
    const currency = cartCurrency(lines);
    if (!currency) return;
    const optional = (key: CheckoutField) => values[key].trim() || undefined;
    setBusy(true);
    try {
      const order = await ordersApi.place(
        {
          email: values.email.trim(),
          currency,
          lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
          shippingAddress: {
            name: values['shippingAddress.name'].trim(),
            line1: values['shippingAddress.line1'].trim(),
            line2: optional('shippingAddress.line2'),
            city: values['shippingAddress.city'].trim(),
            postalCode: values['shippingAddress.postalCode'].trim(),
            country: values['shippingAddress.country'].trim().toUpperCase(),
            phone: optional('shippingAddress.phone'),
          },
          discountCode: optional('discountCode'),
          payment: { method: { type: 'test_card', number: values.payment.replace(/[\s-]/g, '') } },
        },
        idempotencyKey(),
      );
      sessionStorage.removeItem(keyStorage);
      cart.clear();
      toast.success(c.placedTitle, order.number);
      await navigate({ to: '/orders/$orderId', params: { orderId: order.id } });
    } catch (error) {
      // `payment.method.number` and the like belong to the card field.
      form.refuse(error);
      setBusy(false);
    }
  };

  if (lines.length === 0)
    return (
      <>
        <PageHeader title={m.title} />
        <EmptyState
          title={m.emptyTitle}
          action={
            <Link to="/" search={{}} className="btn btn--primary">
              {m.browse}
            </Link>
          }
        >
          <p>{m.emptyText}</p>
        </EmptyState>
      </>
    );

  const total = subtotal(lines);
  return (
    <>
      <PageHeader title={m.title} />
      <ul className="cart-lines">
        {lines.map((line) => (
          <li key={line.productId} className="cart-line">
            <Link
              to="/products/$productId"
              params={{ productId: line.productId }}
              className="cart-line__name"
            >
              {line.name}
            </Link>
            <label className="cart-line__quantity">
              <span className="visually-hidden">{m.quantity(line.name)}</span>
              <input
                className="input"
                type="number"
                min={1}
                max={10000}
                inputMode="numeric"
                value={line.quantity}
                onChange={(e) => cart.setQuantity(line.productId, Math.max(1, Number(e.target.value) || 1))}
              />
            </label>
            <span className="cart-line__total">
              {formatMoney({ ...line.unitPrice, amountMinor: line.unitPrice.amountMinor * line.quantity })}
            </span>
            <IconButton label={m.remove(line.name)} onClick={() => cart.remove(line.productId)}>
              <Trash2 aria-hidden="true" />
            </IconButton>
          </li>
        ))}
      </ul>
      {total ? (
        <p className="cart-subtotal">
          <span>{m.subtotal}</span> <strong>{formatMoney(total)}</strong>
          <br />
          <span className="muted">{m.subtotalNote}</span>
        </p>
      ) : null}

      <form id={form.id} className="stack" onSubmit={(e) => void place(e)} noValidate aria-label={c.title}>
        <h2>{c.title}</h2>
        <FormError message={form.formError ?? form.errors.lines} />
        <Panel title={c.contact} labelledBy="checkout-contact">
          <TextField label={c.email} type="email" autoComplete="email" {...field('email')} />
        </Panel>
        <Panel title={c.shipping} labelledBy="checkout-shipping">
          <div className="stack">
            <TextField label={c.name} autoComplete="shipping name" {...field('shippingAddress.name')} />
            <TextField
              label={c.line1}
              autoComplete="shipping address-line1"
              {...field('shippingAddress.line1')}
            />
            <TextField
              label={c.line2}
              optional
              autoComplete="shipping address-line2"
              {...field('shippingAddress.line2')}
            />
            <div className="portal-pair">
              <TextField
                label={c.postalCode}
                autoComplete="shipping postal-code"
                {...field('shippingAddress.postalCode')}
              />
              <TextField
                label={c.city}
                autoComplete="shipping address-level2"
                {...field('shippingAddress.city')}
              />
            </div>
            <TextField
              label={c.country}
              hint={c.countryHint}
              autoComplete="shipping country"
              {...field('shippingAddress.country')}
            />
            <TextField
              label={c.phone}
              optional
              type="tel"
              autoComplete="shipping tel"
              {...field('shippingAddress.phone')}
            />
          </div>
        </Panel>
        <Panel title={c.payment} labelledBy="checkout-payment">
          <div className="stack">
            <TextField
              label={c.card}
              hint={c.cardHint}
              inputMode="numeric"
              autoComplete="cc-number"
              {...field('payment')}
            />
            <TextField label={c.discount} optional {...field('discountCode')} />
          </div>
        </Panel>
        <Button type="submit" variant="primary" block busy={busy}>
          {c.place}
        </Button>
      </form>
    </>
  );
}
