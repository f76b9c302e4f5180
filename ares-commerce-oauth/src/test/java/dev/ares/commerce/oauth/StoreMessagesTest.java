package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ares.commerce.oauth.internal.StoreMessages;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreMessagesTest {

  @Test
  void fillsNamedAndPositionalParameters() {
    assertEquals(
        Optional.of("The consumer isn't authorized to access Magento_Catalog::products."),
        StoreMessages.message(
            "{\"message\":\"The consumer isn't authorized to access %resources.\","
                + "\"parameters\":{\"resources\":\"Magento_Catalog::products\"}}"));
    assertEquals(
        Optional.of("The nonce is already being used by the consumer with ID 7."),
        StoreMessages.message(
            "{\"message\":\"The nonce is already being used by the consumer with ID %1.\","
                + "\"parameters\":[\"7\"]}"));
  }

  @Test
  void noMessageForOtherBodiesAndControlCharactersDropped() {
    assertEquals(Optional.empty(), StoreMessages.message("<html>503</html>"));
    assertEquals(Optional.empty(), StoreMessages.message("{\"items\":[]}"));
    assertEquals(Optional.of("a b"), StoreMessages.message("{\"message\":\"a\\u001bb\"}"));
  }
}
