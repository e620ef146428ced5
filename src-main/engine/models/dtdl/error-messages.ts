// Cause and action text for each error kind. The wording follows the shape of the official
// catalogue (a cause sentence, then what to do) but is this library's own text. Placeholders:
// {id} element, {property}, {value}, {other} secondary element, {detail} free text.

type Template = readonly [cause: string, action: string];

const t = (cause: string, action: string): Template => [cause, action];

/** Message templates by error kind (the last segment of the validation id). */
export const messageTemplates: Readonly<Record<string, Template>> = {
  notJsonObject: t('The document is not a JSON object or array of objects{detail}.', 'Provide each model as a JSON object, or a JSON array of objects.'),
  jsonSyntax: t('The text is not valid JSON: {detail}', 'Fix the JSON syntax at the given line and column.'),
  missingContext: t('{id} has no @context.', "Add \"@context\": \"dtmi:dtdl:context;3\" (or ;2) to the top-level element."),
  missingDtdlContext: t('The @context of {id} names no DTDL language context.', "Put \"dtmi:dtdl:context;2\" or \"dtmi:dtdl:context;3\" first in @context."),
  dtdlContextFollowsAffiliate: t('The @context of {id} puts the DTDL context after {value}.', 'Move the DTDL context to the start of @context.'),
  invalidContext: t('The @context value {value} is not a string or an array of strings.', 'Give @context as a DTMI string or an array of them.'),
  emptyContext: t('The @context of {id} is empty.', 'Name a DTDL language context in @context.'),
  invalidContextSpecifier: t("The context specifier '{value}' is not a valid DTMI.", 'Use a context DTMI such as dtmi:dtdl:context;3.'),
  nonDtmiContextSpecifier: t("The context specifier '{value}' is not a DTMI.", 'Use a context DTMI such as dtmi:dtdl:context;3.'),
  missingContextVersion: t("The context specifier '{value}' has no version.", "Add a version, e.g. ';3'."),
  unrecognizedContextVersion: t("The context '{value}' names a DTDL version that is not recognized{detail}.", 'Use dtmi:dtdl:context;2 or dtmi:dtdl:context;3.'),
  disallowedContextVersion: t("The context '{value}' is newer than the highest DTDL version allowed ({detail}).", 'Use an older language version or raise maxDtdlVersion.'),
  unresolvableContextSpecifier: t("The context '{value}' is not a known extension.", 'Remove it, or allow undefined extensions.'),
  unresolvableContextVersion: t("The context '{value}' has a version this parser does not know.", 'Use a known version of the extension.'),
  invalidContextSpecifierForVersion: t("The context '{value}' cannot be used with this DTDL version.", 'Use an extension version made for the DTDL version of the model.'),
  disallowedLocalContext: t('The @context contains a local term definition, which DTDL v2 and v3 do not allow.', 'Remove the object from @context and use defined terms.'),
  localTermEmpty: t('A local @context definition defines the empty string as a term.', 'Use a non-empty term (better: remove the local definition).'),
  localTermSchemePrefix: t("A local @context definition defines the term '{property}', which is the DTMI scheme prefix.", 'Use another term (better: remove the local definition).'),
  localTermInvalid: t("A local @context definition defines the term '{property}', which starts with '@' or contains characters a term cannot have.", "Use letters, digits and - . _ ~ ! $ & ' ( ) * + , ; = only (better: remove the local definition)."),
  localTermReserved: t("A local @context definition redefines '{property}', a term of the DTDL context.", 'Use a term the DTDL context does not define (better: remove the local definition).'),
  termDefinitionNotStringOrObject: t("The local @context definition of '{property}' is neither a string nor an object.", 'Give an IRI string or an object with @id.'),
  termDefinitionMissingIdProperty: t("The local @context definition of '{property}' is an object without @id.", 'Add @id with the IRI the term stands for.'),
  termDefinitionIdPropertyNotString: t("The local @context definition of '{property}' has an @id that is not a string.", 'Give @id as an IRI string.'),
  localTermDefinitionInvalidDtmi: t("The local @context definition of '{property}' is '{value}', which starts with 'dtmi:' but is not a valid DTMI or DTMI prefix for DTDL v{detail}.", 'Give a valid DTMI or DTMI prefix (see aka.ms/dtmi), or a URI with another scheme.'),
  localTermDefinitionInvalidUri: t("The local @context definition of '{property}' is '{value}', which is not a valid URI or URI prefix.", 'Give a valid URI or URI prefix.'),
  localContextNotLast: t('A local context definition is not the last @context entry.', 'Move local definitions to the end of @context.'),
  disallowedVersionDefinition: t("{id} property '{property}' defines an element in {value}, a DTDL version this property does not accept here.", 'Define the element with the DTDL version of the element that contains it, or in a document of its own.'),
  disallowedVersionReference: t("{id} property '{property}' refers to {value}, which is defined in a newer DTDL version.", 'Upgrade the referring model to the newer DTDL version, or refer to an element of the same or an older version.'),
  inconsistentContext: t('{id} uses a different DTDL version than the element that contains it.', 'Use one DTDL version in a document.'),
  missingTopLevelId: t('The top-level element has no @id.', 'Give the top-level element an @id that is a DTMI.'),
  missingRequiredId: t('{id} has no @id, which its type requires.', 'Add an @id to the element.'),
  invalidId: t("The @id '{value}' is not a valid DTMI.", 'Use a DTMI such as dtmi:com:example:Thing;1 (segments start with a letter, version 1-999999999).'),
  idNotString: t('The @id of an element is not a string.', 'Give @id as a DTMI string.'),
  idTooLong: t("The @id '{value}' is longer than {detail} characters.", 'Shorten the identifier.'),
  idTooLongForType: t("The @id '{value}' is longer than the {detail} characters an Interface allows.", 'Shorten the Interface identifier.'),
  reservedId: t("The @id '{value}' uses a reserved form (a segment starting with '_' or a reserved prefix).", 'Choose an identifier outside the reserved namespaces.'),
  undefinedReservedId: t("The @id '{value}' is in a reserved namespace.", 'Choose an identifier outside dtmi:dtdl and dtmi:standard.'),
  disallowedIdFragment: t("The @id '{value}' has a fragment, which is not allowed for this element.", 'Remove the #fragment.'),
  duplicateDefinition: t('{id} is defined more than once.', 'Give each element a unique @id, or submit each definition once.'),
  noType: t('{id} has no @type.', 'Add @type to the element.'),
  badType: t("{id} property '{property}' has a value of the wrong kind{detail}.", "Change the value of '{property}' to the kind the property requires."),
  typeUndefinedTerm: t("{id} has @type '{value}', which is not a defined term.", 'Use a DTDL type, or add the context that defines it.'),
  typeInvalidDtmi: t("{id} has @type '{value}', which is not a valid DTMI.", 'Use a DTDL type term or a valid DTMI.'),
  typeNotDtmiNorTerm: t("{id} has @type '{value}', which is neither a DTMI nor a term.", 'Use a DTDL type term.'),
  typeIrrelevantDtmiOrTerm: t("{id} has @type '{value}', which is not a type that can be used here.", 'Remove that type.'),
  typeNotRootable: t('{id} has a type that cannot be at the top level of a document{detail}.', 'Put an Interface at the top level and nest this element inside it.'),
  missingCocotype: t("{id} has co-type '{value}', which needs another co-type that is missing.", 'Add the missing co-type or remove this one.'),
  invalidCotype: t("{id} has co-type '{value}', which cannot be used with its material type.", 'Remove the co-type or change the material type.'),
  invalidCotypeVersion: t("{id} has co-type '{value}', which is not valid for this DTDL version.", 'Remove the co-type.'),
  multipleMaterialTypes: t('{id} has more than one material type in @type ({value}).', 'Keep one of the DTDL classes in @type.'),
  abstractSupplementalType: t("{id} has abstract co-type '{value}'.", 'Use a concrete semantic type.'),
  conflictingSupplementalTypes: t('{id} has co-types that conflict ({value}).', 'Keep one semantic type.'),
  noTypeThatAllows: t("{id} has property '{property}', which none of its types allows.", "Remove '{property}' or add a type that defines it."),
  propertyUndefinedTerm: t("{id} has property '{property}', which is not a defined term.", 'Remove the property or add the context that defines it.'),
  propertyIrrelevantDtmiOrTerm: t("{id} has property '{property}', which does not apply to this element.", 'Remove the property.'),
  propertyInvalidDtmi: t("{id} has property key '{property}', which is not a valid DTMI.", 'Use a DTDL property term.'),
  propertyNotDtmiNorTerm: t("{id} has property key '{property}', which is neither a DTMI nor a term.", 'Use a DTDL property term.'),
  keywordDisallowed: t("{id} uses JSON-LD keyword '{property}', which DTDL does not allow here.", 'Remove the keyword.'),
  graphDisallowed: t('{id} uses @graph, which DTDL does not allow here.', 'Remove @graph.'),
  topLevelGraphDisallowed: t('The document uses @graph at the top level.', 'Submit the models as an array instead.'),
  topLevelKeywordDisallowed: t("The document uses keyword '{property}' at the top level.", 'Remove the keyword.'),
  missingObjectProperty: t("{id} lacks required property '{property}'.", "Add property '{property}'."),
  missingLiteralProperty: t("{id} lacks required property '{property}'.", "Add property '{property}'."),
  objectCountBelowMin: t("{id} property '{property}' has fewer values than the {detail} required.", "Add values to '{property}'."),
  objectCountAboveMax: t("{id} property '{property}' has more values than the {detail} allowed.", "Remove values from '{property}'."),
  propertyCountBelowMin: t("{id} property '{property}' has fewer values than required ({detail}).", "Add values to '{property}'."),
  objectMultipleValues: t("{id} property '{property}' has more than one value.", "Give '{property}' a single value."),
  stringMultipleValues: t("{id} property '{property}' has more than one value.", "Give '{property}' a single string."),
  integerMultipleValues: t("{id} property '{property}' has more than one value.", "Give '{property}' a single integer."),
  booleanMultipleValues: t("{id} property '{property}' has more than one value.", "Give '{property}' a single boolean."),
  stringNotString: t("{id} property '{property}' is not a string.", "Give '{property}' a string value."),
  stringInvalid: t("{id} property '{property}' has value '{value}', which does not match the required pattern{detail}.", "Change '{property}' to match the pattern."),
  stringTooLong: t("{id} property '{property}' is longer than {detail} characters.", "Shorten '{property}'."),
  integerNotInteger: t("{id} property '{property}' is not an integer.", "Give '{property}' an integer value."),
  booleanNotBoolean: t("{id} property '{property}' is not a boolean.", "Give '{property}' true or false."),
  valueBelowMin: t("{id} property '{property}' has value {value}, below the minimum {detail}.", "Raise '{property}'."),
  valueAboveMax: t("{id} property '{property}' has value {value}, above the maximum {detail}.", "Lower '{property}'."),
  valueBelowRange: t("{id} property '{property}' has value {value}, below the allowed range.", "Raise '{property}'."),
  valueAboveRange: t("{id} property '{property}' has value {value}, above the allowed range.", "Lower '{property}'."),
  valueNotExact: t("{id} property '{property}' must have the value {detail}.", "Set '{property}' to {detail}."),
  langStringValueTooLong: t("{id} property '{property}' has a language value longer than {detail} characters.", "Shorten '{property}'."),
  langStringNotLangString: t("{id} property '{property}' is not a string or a language map.", "Give '{property}' a string or an object of language codes to strings."),
  langStringInvalidCode: t("{id} property '{property}' uses an invalid language code '{value}'.", 'Use a BCP 47 language code.'),
  langStringValueNotString: t("{id} property '{property}' has a language value that is not a string.", 'Give each language a string.'),
  langMapObjKeyword: t("{id} property '{property}' has a language map with JSON-LD keyword '{value}'.", 'Use language codes as keys.'),
  nonUniquePropertyValue: t("{id} property '{property}' has the value '{value}' more than once.", "Give each item of '{property}' a unique {detail}."),
  duplicatePropertyName: t("{id} has two contents named '{value}' (one inherited from {other}).", 'Rename one of the contents.'),
  nonUniqueImportedPropertyValue: t("{id} inherits a content named '{value}' from {other}, and another content has the same name.", 'Rename one of the contents so names are unique across the extends hierarchy.'),
  missingDictKeyPropertyValue: t("{id} property '{property}' holds an element without a name.", "Add a 'name' to the element."),
  missingDtmiSegPropertyValue: t("{id} property '{property}' holds an element with neither @id nor name, so it cannot be identified.", "Add a 'name' (or an @id) to the element."),
  stringCountBelowMin: t("{id} property '{property}' has no value but one is required.", "Give '{property}' a string value."),
  literalTypeNotSingular: t("{id} property '{property}' has a value object with more than one @type.", 'Give the value object a single @type.'),
  valueObjectInvalidProp: t("{id} property '{property}' has a value object with the member '{value}', which is not allowed.", 'Keep only @value and @type in the value object.'),
  langTagValueInLangMap: t("{id} property '{property}' mixes a language map with @value/@language.", 'Use either a language map or an array of {@value, @language} objects.'),
  wrongParent: t("{id} property '{property}' has value '{value}', which is not a unit of its semantic type.", 'Use a unit that belongs to the semantic type.'),
  refObjectNotAllowed: t("{id} property '{property}' holds an inline object where only a term or DTMI is allowed.", 'Give the value as a term.'),
  propertyValueNull: t("{id} property '{property}' is null.", "Give '{property}' a value or remove it."),
  badDtmiOrTerm: t("{id} property '{property}' has value '{value}', which is neither a valid DTMI nor a defined term.", "Use a DTMI or a DTDL term for '{property}'."),
  propertyIrrelevantValue: t("{id} property '{property}' has value '{value}', which cannot be used here.", 'Use an allowed value.'),
  idReference: t("{id} property '{property}' refers to '{value}' with an object holding only @id.", 'Give the DTMI as a string.'),
  idRefBadDtmiOrTerm: t("{id} property '{property}' refers to '{value}', which is neither a DTMI nor a term.", 'Refer to a valid DTMI.'),
  refNotStringOrObject: t("{id} property '{property}' has a value that is neither a DTMI string nor an object.", 'Give an object or a DTMI string.'),
  identifierNotString: t("{id} property '{property}' is not a string identifier.", 'Give a DTMI string.'),
  identifierNotDtmi: t("{id} property '{property}' has value '{value}', which is not a DTMI.", 'Give a DTMI.'),
  incompatibleType: t("{id} property '{property}' refers to {value}, whose type is not allowed there.", 'Refer to an element of the required type.'),
  notRequiredType: t("{id} property '{property}' refers to {value}, which is not of the required type.", 'Refer to an element of the required type.'),
  excludedType: t("{id} property '{property}' has a value whose type is not allowed here{detail}.", 'Use a different schema.'),
  excessiveDepthWide: t('{id} nests complex schemas too deeply (more than {detail} levels, down to {other}).', 'Flatten the schema.'),
  excessiveDepthNarrow: t("{id} has an '{property}' chain longer than {detail}.", 'Shorten the extends chain.'),
  recursiveStructureWide: t('{id} refers back to itself through {other}.', 'Break the cycle.'),
  recursiveStructureNarrow: t("{id} refers back to itself through '{property}'.", 'Break the cycle.'),
  excessiveCountWide: t('{id} hierarchy has more than {detail} elements.', 'Reduce the hierarchy.'),
  literalNotValid: t("{id} property '{property}' has value '{value}' that does not conform to its schema.", 'Give a value of the schema type.'),
  notSiblingRequiredType: t("{id} property '{property}' names '{value}', which is not a sibling of the required type.", 'Name a sibling content of the required type.'),
  siblingPropertyMismatch: t("{id} property '{property}' does not match the element it names.", 'Make them match.'),
  incorrectPropertyValue: t("{id} property '{property}' has an incorrect value.", 'Correct the value.'),
  unresolved: t("The model '{value}' is referenced but not defined{detail}.", 'Submit the model that defines it, or give a resolver that can find it.'),
  crossPartitionReference: t('{id} refers to {value}, which is inside another Interface.', 'Refer only to elements of the same Interface or to Interfaces.'),
  nonConformantDatatype: t("{id} property '{property}' has a value whose datatype does not conform.", 'Correct the value.'),
  durationInvalid: t("{id} property '{property}' is not a valid duration.", 'Give an ISO 8601 duration.'),
  inferredTypeDoesNotAllow: t("{id} property '{property}' is not allowed by the type inferred for the element.", 'Add an explicit @type or remove the property.'),
  internal: t('The parser failed unexpectedly: {detail}', 'Report this model to the Twinbench developers.'),
};

/** Why a DTDL v3 context is not recognized inside or by a DTDL v2 model (a `detail`). */
export const newerInV2 = ' by the DTDL v2 model that uses it';

/** Fields that may fill a message template. */
export interface MessageFields {
  readonly id?: string;
  readonly property?: string;
  readonly value?: string;
  readonly other?: string;
  readonly detail?: string;
}

/** Builds the message of one error kind from its fields: cause, then action. */
export function formatMessage(kind: string, f: MessageFields): string {
  const tpl = messageTemplates[kind] ?? t(`{id} is invalid (${kind}){detail}.`, 'Correct the model; see the DTDL specification.');
  const fill = (s: string): string =>
    s
      .replace(/\{id\}/g, f.id !== undefined ? `Element ${f.id}` : 'An element')
      .replace(/\{property\}/g, f.property ?? '')
      .replace(/\{value\}/g, f.value ?? '')
      .replace(/\{other\}/g, f.other ?? 'another element')
      .replace(/\{detail\}/g, f.detail !== undefined && f.detail !== '' ? f.detail : '');
  return `${fill(tpl[0])} ${fill(tpl[1])}`;
}
