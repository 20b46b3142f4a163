package oms.shipping.shipment;

import oms.platform.test.BadTokensContract;

class ShipmentTokensIT extends BadTokensContract {}
