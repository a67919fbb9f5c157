/**
 * Warranty (三包): terms as data (consumer-goods defaults, per product category, per contract) and
 * the evaluation of a fault against them, with the reasoning line by line in both languages.
 */
export {
  evaluateWarranty,
  WARRANTY_ENTITLEMENTS,
  WARRANTY_EXCLUSIONS,
  WARRANTY_RULES,
  type WarrantyEntitlement,
  WarrantyEvaluation,
  type WarrantyExclusion,
  WarrantyInput,
  WarrantyLine,
  WarrantyRefund,
  WarrantyRepair,
  type WarrantyRule,
} from './evaluate.ts';
export { CategoryTerms, CONSUMER_GOODS_TERMS, TermsByCategory, termsFor, WarrantyTerms, type WarrantyTermsInput } from './terms.ts';
