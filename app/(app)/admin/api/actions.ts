"use server";

import { action } from "@/lib/shared/action";
import { issueStaticToken, registerApiClient, revokeToken, rotateClientSecret, setApiClientEnabled, updateApiClient } from "@/lib/api/clients/commands";
import {
  clientVersionInput,
  issueStaticTokenInput,
  registerApiClientInput,
  revokeTokenInput,
  setApiClientEnabledInput,
  updateApiClientInput,
} from "@/lib/api/clients/schemas";

// API clients and tokens (issue 25): the secret and the token come back once, in the action's
// result, and the form shows them until the page is left; nothing keeps them.
const paths = (i: { clientId: number }) => ["/admin/api", `/admin/api/clients/${i.clientId}`];

export const registerApiClientAction = action(registerApiClientInput, registerApiClient, { revalidate: "/admin/api" });
export const updateApiClientAction = action(updateApiClientInput, updateApiClient, { revalidate: paths });
export const setApiClientEnabledAction = action(setApiClientEnabledInput, setApiClientEnabled, { revalidate: paths });
export const rotateClientSecretAction = action(clientVersionInput, rotateClientSecret, { revalidate: paths });
export const issueStaticTokenAction = action(issueStaticTokenInput, issueStaticToken, { revalidate: paths });
export const revokeTokenAction = action(revokeTokenInput, revokeToken, { revalidate: paths });
