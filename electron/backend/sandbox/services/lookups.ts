import type { App, Contact, Conversation } from '../../../../shared/conversation/resources';
import { ApiError } from '../errors';
import type { ProjectStore } from '../store';

export function requireApp(store: ProjectStore, id: string): App {
  const app = store.apps.get(id);
  if (!app) throw ApiError.notFound(`App '${id}' not found in project ${store.projectId}`);
  return app;
}

export function requireContact(store: ProjectStore, id: string): Contact {
  const contact = store.contacts.get(id);
  if (!contact) throw ApiError.notFound(`Contact '${id}' not found in project ${store.projectId}`);
  return contact;
}

export function requireConversation(store: ProjectStore, id: string): Conversation {
  const conversation = store.conversations.get(id);
  if (!conversation) throw ApiError.notFound(`Conversation '${id}' not found in project ${store.projectId}`);
  return conversation;
}
