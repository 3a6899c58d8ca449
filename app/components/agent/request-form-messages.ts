/** Messages for the agent's new-request form, by the field codes the service returns (never values). */
export const REQUEST_FORM_MESSAGES: Record<string, string> = {
  name: "Enter the consumer's full name.",
  email: "Enter the consumer's e-mail address, like name@example.com.",
  phone: "The phone number is too long.",
  californiaResident: "Say whether the consumer lives in California.",
  type: "Choose what the consumer wants to know.",
  period: "Choose a period.",
  language: "Choose a language.",
  authorizationKind: "Choose your proof of authority.",
  declaration: "With a power of attorney, tick the declaration.",
  document_missing: "Attach the signed permission or power of attorney. We could not confirm that you are authorized to act for this person without it.",
  document_empty: "The file you attached is empty. Attach the signed document.",
  document_too_large: "The file is larger than 10 MB. Attach a smaller scan or PDF. Nothing was saved; fill in the form again.",
  document_wrong_type: "That file is not a PDF, PNG or JPEG. Attach the signed document in one of these formats.",
};
