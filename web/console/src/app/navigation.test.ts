import { describe, expect, it } from 'vitest';
import { navigation } from './navigation';

describe('navigation', () => {
  it('shows one Conversations section holding the search, recordings, quality, QA configuration and QA disputes entries', () => {
    const conversations = navigation.filter((section) => section.id === 'conversations');
    expect(conversations).toHaveLength(1);
    expect(conversations[0]?.title()).toBe('Conversations');
    expect(conversations[0]?.items.map((item) => [item.to, item.permission])).toEqual([
      ['/conversations', 'recordings:read'],
      ['/recordings', 'recordings:read'],
      ['/conversations/settings', 'settings:read'],
      ['/quality', 'analysis:read'],
      ['/conversations/scorecards', 'analysis:read'],
      ['/conversations/insight-schemas', 'analysis:read'],
      ['/conversations/categories', 'analysis:read'],
      ['/conversations/disputes', 'qa:review'],
    ]);
  });
});

describe('customers and privacy navigation', () => {
  it('joins the customers pages and the request queue in one section; notifications have their own', () => {
    const customers = navigation.filter((section) => section.id === 'customers');
    expect(customers).toHaveLength(1);
    expect(customers[0]?.title()).toBe('Customers & privacy');
    expect(customers[0]?.items.map((item) => [item.to, item.permission])).toEqual([
      ['/customers', 'customers:read'],
      ['/customers/segments', 'customers:read'],
      ['/privacy/requests', 'privacy:requests'],
    ]);
    const notifications = navigation.find((section) => section.id === 'notifications');
    expect(notifications?.items.map((item) => [item.to, item.permission])).toEqual([
      ['/notifications', 'notifications:read'],
      ['/notifications/preferences', 'notifications:read'],
      ['/notifications/templates', 'notifications:configure'],
    ]);
  });
});

describe('administration navigation', () => {
  it('keeps the usage page in the one Administration section, after the others', () => {
    const administration = navigation.filter((section) => section.id === 'administration');
    expect(administration).toHaveLength(1);
    expect(administration[0]?.title()).toBe('Administration');
    expect(administration[0]?.items.at(-1)).toMatchObject({
      to: '/admin/usage',
      permission: 'metering:read',
    });
  });
});
