import { defineArea } from '../area.js';
import { created, noContent, ok } from '../../http/operation.js';
import { productEntity, productOfferEntity } from './entity.js';
import {
  createProduct, createProductOffer, deleteProduct, deleteProductOffer, updateProduct, updateProductOffer,
} from './domain.js';

export const productsArea = defineArea('products', {
  listProducts: async (ctx) => ok(await ctx.list(productEntity)),
  getProduct: async (ctx) => ok(await ctx.repository(productEntity).get(ctx.params.productId)),
  createProduct: async (ctx) => {
    const me = ctx.me();
    const product = await createProduct(ctx.store, me.billingEntity.id, ctx.body, ctx.now);
    return created(product, `/v1/products/${product.id}`);
  },
  updateProduct: async (ctx) =>
    ok(await updateProduct(ctx.store, ctx.params.productId, ctx.body, ctx.ifMatch, ctx.now)),
  deleteProduct: async (ctx) => {
    await deleteProduct(ctx.store, ctx.params.productId, ctx.ifMatch);
    return noContent();
  },

  listProductOffers: async (ctx) => ok(await ctx.list(productOfferEntity)),
  getProductOffer: async (ctx) => ok(await ctx.repository(productOfferEntity).get(ctx.params.productOfferId)),
  createProductOffer: async (ctx) => {
    const offer = await createProductOffer(ctx.store, ctx.body, ctx.now);
    return created(offer, `/v1/product-offers/${offer.id}`);
  },
  updateProductOffer: async (ctx) =>
    ok(await updateProductOffer(ctx.store, ctx.params.productOfferId, ctx.body, ctx.ifMatch, ctx.now)),
  deleteProductOffer: async (ctx) => {
    await deleteProductOffer(ctx.store, ctx.params.productOfferId, ctx.ifMatch);
    return noContent();
  },
});
