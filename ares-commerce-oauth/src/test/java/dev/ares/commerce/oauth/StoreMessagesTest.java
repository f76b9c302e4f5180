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
  void noMessageForOtherBodies() {
    assertEquals(Optional.empty(), StoreMessages.message("<html>503</html>"));
    assertEquals(Optional.empty(), StoreMessages.message("{\"items\":[]}"));
  }

  @Test
  void theLongestNameWithAValueIsFilledInAndValuesAreNotFilledAgain() {
    assertEquals(
        Optional.of("ten one%0 %x %"),
        StoreMessages.message(
            "{\"message\":\"%10 %1%0 %x %\","
                + "\"parameters\":[\"one\",\"%2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"ten\"]}"));
    assertEquals(
        Optional.of("a %1 b"),
        StoreMessages.message("{\"message\":\"a %name b\",\"parameters\":{\"name\":\"%1\"}}"));
  }

  @Test
  void fillingInStopsBetweenPiecesNeverInsideAParameter() {
    String value = "v".repeat(1000);
    String body = "{\"message\":\"" + "%1".repeat(1000) + "\",\"parameters\":[\"" + value + "\"]}";
    String filled = StoreMessages.message(body).orElseThrow();
    assertEquals(0, filled.length() % value.length());
    assertEquals(
        StoreMessages.MAX_FILLED_LENGTH / value.length(), filled.length() / value.length());
  }
}
